using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore;
using Hub = WebhookSignatures.Schemes.Hub.HubSignature;

namespace WebhookSignatures.Benchmarks;

/// <summary>
/// What exactly-once handling adds to one delivery, without HTTP: a new signed 4 KiB Snyk delivery verified alone (the
/// baseline: what a receiver without exactly-once handling does), verified with its identity (the SHA-256 of the
/// body), and verified, reserved in the in-memory store and completed, as the pipeline does, with nothing listening to
/// metrics or traces. Every call signs a delivery never seen before, so the store holds a new entry each time; entries
/// expire after a second, so it holds about a second's worth.
/// </summary>
[MemoryDiagnoser]
public class ExactlyOnceBenchmarks
{
    private const string Secret = "benchmark-secret-0123456789abcdef";

    private readonly SignatureHeader _headers = new();
    private readonly byte[] _key = System.Text.Encoding.UTF8.GetBytes(Secret);
    private ServiceProvider _services = null!;
    private WebhookExactlyOnce _exactlyOnce = null!;
    private ActiveWebhookRegistration _registration = null!;
    private byte[] _body = [];
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWebhookSignatures().AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secret);
            o.ExactlyOnce.TimeToLive = TimeSpan.FromSeconds(1);
        });
        services.Configure<WebhookMemoryDeliveryStoreOptions>(o => o.CapacityPerRegistration = 10_000_000);
        _services = services.BuildServiceProvider();
        _exactlyOnce = _services.GetRequiredService<WebhookExactlyOnce>();
        _registration = _services.GetRequiredService<WebhookRegistrations>().Acquire("snyk");
        _body = Payloads.Json(4096);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _registration.Release();
        _services.Dispose();
    }

    /// <summary>Verifying a new delivery, as a receiver without exactly-once handling does.</summary>
    [Benchmark(Baseline = true)]
    public bool Verify() => Next(WebhookReadParts.Description).IsValid;

    /// <summary>Verifying it and computing its identity.</summary>
    [Benchmark]
    public bool VerifyWithIdentity() => !Next(WebhookReadParts.Description | WebhookReadParts.Identity).Identity.IsEmpty;

    /// <summary>Verifying it, reserving it in the in-memory store, and completing it as a handler's 2xx does.</summary>
    [Benchmark]
    public async Task<bool> VerifyReserveComplete()
    {
        var result = Next(WebhookReadParts.Description | WebhookReadParts.Identity);
        var attempt = await _exactlyOnce.ReserveAsync(_registration, result, CancellationToken.None).ConfigureAwait(false);
        var reservation = attempt.Reservation ?? throw new InvalidOperationException("A new delivery was not reserved.");
        await reservation.SettleAsync(new WebhookHandlerEnding(204, Exception: null, Aborted: false, Failed: false)).ConfigureAwait(false);
        return reservation.IsConfirmed;
    }

    // A new delivery: a number written into the body, and its signature.
    private WebhookVerificationResult Next(WebhookReadParts parts)
    {
        // Hex digits inside the padding string, so the body stays JSON.
        ((ulong)++_next).TryFormat(_body.AsSpan(_body.Length - 18, 16), out _, "x16", CultureInfo.InvariantCulture);
        _headers.Value = Hub.CreateSignatureHeader(_body, _key);
        return _registration.Scheme.Verify(new WebhookDelivery(_headers, _body), _registration.Keys, parts);
    }

    // The one header a Snyk delivery carries, changed for every delivery without a dictionary.
    private sealed class SignatureHeader : IWebhookHeaders
    {
        public string Value { get; set; } = string.Empty;

        public string? GetValue(string name) => string.Equals(name, "X-Hub-Signature", StringComparison.OrdinalIgnoreCase) ? Value : null;
    }
}
