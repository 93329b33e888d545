using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Octokit.Webhooks;
using Octokit.Webhooks.AspNetCore;
using WebhookSignatures.AspNetCore;
using Hub = WebhookSignatures.Schemes.Hub.HubSignature;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Benchmarks;

/// <summary>
/// One signed 4 KiB delivery through an in-memory <see cref="TestServer"/>: a bare endpoint that only reads
/// the body, the same endpoint behind this library's middleware, and Octokit.Webhooks' endpoint.
/// </summary>
/// <remarks>
/// <para>
/// Each invocation sends <see cref="InFlight"/> requests at once; the time reported is wall time per request with that
/// many in flight on all the machine's cores, which is the inverse of throughput. One request at a time
/// would measure mostly how long an idle thread-pool thread takes to wake, twice per request: on a small virtual
/// machine that swings between runs by more than the whole cost of verifying, and the runs come out bimodal.
/// </para>
/// <para>
/// Every request carries a different body and signature from a pool of <see cref="Deliveries"/>, so replay
/// protection sees a new delivery each time. When the pool wraps, the server's clock jumps past the replay
/// cache's time to live, so the cache stays bounded and every request still pays for its own entry and
/// (amortised) for expiring one.
/// </para>
/// </remarks>
[MemoryDiagnoser]
public class MiddlewareBenchmarks
{
    private const string Secret = "benchmark-secret-0123456789abcdef";
    private const int BodySize = 4096;
    private const int Deliveries = 4096;

    /// <summary>Requests in flight at once: enough to keep both cores of a small machine busy.</summary>
    internal const int InFlight = 8;

    private readonly ShiftedSystemClock _time = new();
    private readonly MediaTypeHeaderValue _json = new("application/json");
    private WebApplication? _app;
    private HttpClient _client = null!;
    private ThreadLocal<IncrementalHash> _keyedHmac = null!;
    private byte[][] _bodies = [];
    private string[] _signatures = [];
    private int _next;
    private int _hmacNext;

    [GlobalSetup]
    public void Setup()
    {
        // Batches must tile the pool exactly (see SendBatchAsync).
        if (Deliveries % InFlight != 0)
        {
            throw new InvalidOperationException($"{Deliveries} deliveries cannot be sent in batches of {InFlight}.");
        }

        var key = System.Text.Encoding.UTF8.GetBytes(Secret);
        _keyedHmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), trackAllValues: true);
        var template = Payloads.Json(BodySize);
        _bodies = new byte[Deliveries][];
        _signatures = new string[Deliveries];
        for (var i = 0; i < Deliveries; i++)
        {
            // The body ends in padding ("xxx…\"}"): write the delivery number into it.
            var body = (byte[])template.Clone();
            var digits = System.Text.Encoding.ASCII.GetBytes(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
            digits.CopyTo(body, body.Length - 2 - digits.Length);
            _bodies[i] = body;
            _signatures[i] = Hub.CreateSignatureHeader(body, key);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddWebhookSignatures()
            .AddGitHub("github", o => o.Secrets.Add(Secret))
            .AddGitHub("github-no-exactly-once", o =>
            {
                o.Secrets.Add(Secret);
                o.ExactlyOnce.Enabled = false;
            });
        builder.Services.AddSingleton<WebhookEventProcessor, IgnoringProcessor>();

        var app = builder.Build();
        app.UseWebhookSignatures();
        app.MapPost("/bare", ReadBodyAsync);
        app.MapPost("/bare-hmac", VerifyInHandlerAsync);
        app.MapPost("/verified", ReadBodyAsync).RequireWebhookSignature("github");
        app.MapPost("/verified-no-exactly-once", ReadBodyAsync).RequireWebhookSignature("github-no-exactly-once");
        app.MapGitHubWebhooks("/octokit", Secret);
        app.StartAsync().GetAwaiter().GetResult();
        _app = app;
        _client = app.GetTestClient();

        // Each route must accept a good delivery, and the verifying ones must refuse a forged one.
        foreach (var path in new[] { "/bare", "/bare-hmac", "/verified", "/verified-no-exactly-once", "/octokit" })
        {
            Expect(path, 0, _signatures[0], HttpStatusCode.OK);
        }

        var forged = "sha256=" + new string('0', 64);
        Expect("/bare-hmac", 1, forged, HttpStatusCode.Unauthorized);
        Expect("/verified", 1, forged, HttpStatusCode.Unauthorized);
        Expect("/verified-no-exactly-once", 1, forged, HttpStatusCode.Unauthorized);
        ExpectRefused("/octokit", 1, forged);

        // Exactly-once handling is on for /verified: the same delivery twice is acknowledged without running the handler; without it, the handler runs again.
        Expect("/verified", 2, _signatures[2], HttpStatusCode.OK);
        Expect("/verified", 2, _signatures[2], HttpStatusCode.OK); // the duplicate, acknowledged without the handler
        Expect("/verified-no-exactly-once", 2, _signatures[2], HttpStatusCode.OK);
        Expect("/verified-no-exactly-once", 2, _signatures[2], HttpStatusCode.OK);

        _time.Advance(TimeSpan.FromDays(2));
        _next = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        foreach (var hmac in _keyedHmac.Values)
        {
            hmac.Dispose();
        }

        _keyedHmac.Dispose();
        _app?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>An endpoint that reads the body and answers 200, verifying nothing.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = InFlight)]
    public Task BareEndpoint() => SendBatchAsync("/bare");

    /// <summary>
    /// The least a verifying endpoint can do: the bare endpoint's read into one buffer, then the HMAC of the body
    /// (under a key set up beforehand) compared in constant time with the header's. No limits, no exactly-once handling,
    /// no rotation: a floor, not a peer.
    /// </summary>
    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task BareEndpointPlusHmac() => SendBatchAsync("/bare-hmac");

    /// <summary>The same endpoint behind <c>UseWebhookSignatures</c> and <c>RequireWebhookSignature</c>, defaults (exactly-once handling on).</summary>
    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task WebhookSignatures() => SendBatchAsync("/verified");

    /// <summary>As <see cref="WebhookSignatures"/> with exactly-once handling turned off.</summary>
    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task WebhookSignaturesNoExactlyOnce() => SendBatchAsync("/verified-no-exactly-once");

    /// <summary>Octokit.Webhooks' <c>MapGitHubWebhooks</c> with a processor that does nothing.</summary>
    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task OctokitMapGitHubWebhooks() => SendBatchAsync("/octokit");

    /// <summary>
    /// Not a request: the HMAC-SHA256 of one 4 KiB body under a key set up beforehand, on one thread: what the work a
    /// verifier cannot avoid costs on its own. The requests run several at a time on all cores, so this is not a time
    /// to add to <see cref="BareEndpoint"/>; <see cref="BareEndpointPlusHmac"/> is the floor.
    /// </summary>
    [Benchmark]
    public int HmacOfBodyOnly()
    {
        Span<byte> mac = stackalloc byte[32];
        var i = _hmacNext;
        _hmacNext = i + 1 == Deliveries ? 0 : i + 1;
        return KeyedHmac(_bodies[i], mac);
    }

    private Task SendBatchAsync(string path)
    {
        // Batches never straddle the end of the pool, so every delivery of a pass has been answered before the
        // clock moves on, and none of the next pass is sent before it has.
        var first = _next;
        _next = first + InFlight == Deliveries ? 0 : first + InFlight;
        if (first == 0)
        {
            // Every delivery in the pool is about to be sent again: move past the delivery store's time to live.
            _time.Advance(TimeSpan.FromDays(2));
        }

        var requests = new Task[InFlight];
        for (var k = 0; k < InFlight; k++)
        {
            requests[k] = SendOneAsync(path, first + k);
        }

        return Task.WhenAll(requests);
    }

    private async Task SendOneAsync(string path, int delivery)
    {
        using var response = await SendAsync(path, delivery, _signatures[delivery]).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, int delivery, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(_bodies[delivery]) };
        request.Content.Headers.ContentType = _json;
        request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, signature);
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", "ping");
        request.Headers.TryAddWithoutValidation("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        return await _client.SendAsync(request).ConfigureAwait(false);
    }

    private void Expect(string path, int delivery, string signature, HttpStatusCode expected)
    {
        using var response = SendAsync(path, delivery, signature).GetAwaiter().GetResult();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
    }

    private void ExpectRefused(string path, int delivery, string signature)
    {
        using var response = SendAsync(path, delivery, signature).GetAwaiter().GetResult();
        if (response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} accepted a forged signature.");
        }
    }

    private static async Task ReadBodyAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BodySize);
        try
        {
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task VerifyInHandlerAsync(HttpContext context)
    {
        var length = (int)context.Request.ContentLength.GetValueOrDefault();
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            context.Response.StatusCode = HasValidSignature(context.Request.Headers[GitHubSignature.SignatureHeaderName].ToString(), buffer.AsSpan(0, read))
                ? StatusCodes.Status200OK
                : StatusCodes.Status401Unauthorized;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool HasValidSignature(string header, ReadOnlySpan<byte> body)
    {
        const string Prefix = "sha256=";
        Span<byte> expected = stackalloc byte[32];
        Span<byte> actual = stackalloc byte[32];
        if (header.Length != Prefix.Length + 64 || !header.StartsWith(Prefix, StringComparison.Ordinal)
            || Convert.FromHexString(header.AsSpan(Prefix.Length), expected, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != 32)
        {
            return false;
        }

        KeyedHmac(body, actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    // The HMAC as cheaply as it can be had: each thread sets up the key's state once and resets it after each
    // use, so only the body is hashed and no two requests wait for one state.
    private int KeyedHmac(ReadOnlySpan<byte> body, Span<byte> mac)
    {
        var hmac = _keyedHmac.Value!;
        hmac.AppendData(body);
        return hmac.GetHashAndReset(mac);
    }

    // Overriding the string entry point is the cheapest way through Octokit: it skips deserializing the event
    // (the byte-based path would parse the body into event objects), at the cost of decoding the body to a string.
    private sealed class IgnoringProcessor : WebhookEventProcessor
    {
        public override ValueTask ProcessWebhookAsync(IDictionary<string, StringValues> headers, string body, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;
    }
}
