using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>
/// One instance of a receiving application on real Kestrel, its delivery store in Redis: Snyk, Standard Webhooks and
/// Stripe at <c>/hooks/&lt;name&gt;</c>. Several instances share one <see cref="HandlerRuns"/>, so a test sees how often a
/// delivery was handled across all of them. The handler does what the test says.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    public const string SnykSecret = "snyk-webhook-secret-000000001";
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string StripeSecret = "whsec_stripe-test-secret-00000001";
    public const string StripePreviousSecret = "whsec_stripe-previous-secret-0001";

    private readonly WebApplication _app;

    private Receiver(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the handler does; by default it answers 200.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = static _ => Task.CompletedTask;

    public static async Task<Receiver> StartAsync(
        string redis,
        string keyPrefix,
        HandlerRuns runs,
        Action<WebhookRegistrationOptions>? configure = null,
        Action<RedisWebhookDeliveryStoreOptions>? store = null,
        ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddWebhookSignatures()
            .AddSnyk("snyk", o => Configure(o, SnykSecret))
            .AddStandardWebhooks("standard-webhooks", o => Configure(o, StandardSecret))
            .AddStripe("stripe", o => Configure(o, StripeSecret, StripePreviousSecret))
            .AddRedisDeliveryStore(o =>
            {
                o.Configuration = redis;
                o.KeyPrefix = keyPrefix;
                store?.Invoke(o);
            });
        builder.Services.AddHealthChecks().AddRedisWebhookDeliveryStore();

        var app = builder.Build();
        Receiver? self = null;
        foreach (var name in (string[])["snyk", "standard-webhooks", "stripe"])
        {
            app.MapPost($"/hooks/{name}", async (HttpContext context) =>
            {
                runs.Increment();
                await self!.Handler(context);
            }).RequireWebhookSignature(name);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        self = new Receiver(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
        return self;

        void Configure(WebhookRegistrationOptions options, params string[] secrets)
        {
            foreach (var secret in secrets)
            {
                options.Secrets.Add(secret);
            }

            configure?.Invoke(options);
        }
    }

    public static HttpRequestMessage Snyk(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return Post("/hooks/snyk", bytes, (SnykSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(bytes, Encoding.UTF8.GetBytes(SnykSecret))));
    }

    public static HttpRequestMessage Standard(string body, string id, DateTimeOffset at)
    {
        var scheme = new StandardWebhooksSignature();
        using var keys = scheme.CreateKeyRing([StandardSecret]);
        var signed = scheme.Sign(Encoding.UTF8.GetBytes(body), keys, new() { Timestamp = at, DeliveryId = id });
        return Post("/hooks/standard-webhooks", signed.Body.ToArray(), [.. signed.Headers.Select(h => (h.Key, h.Value))]);
    }

    /// <summary>A Stripe delivery signed at <paramref name="at"/>, one <c>v1</c> per secret.</summary>
    public static HttpRequestMessage Stripe(string body, DateTimeOffset at, params string[] secrets)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var seconds = at.ToUnixTimeSeconds();
        var signatures = secrets.Select(secret => StripeSignature.CreateSignatureHeader(seconds, bytes, Encoding.UTF8.GetBytes(secret)).Split(',')[1]);
        return Post("/hooks/stripe", bytes, (StripeSignature.SignatureHeaderName, $"t={seconds}," + string.Join(',', signatures)));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static HttpRequestMessage Post(string path, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

/// <summary>How often handlers ran, across every instance that shares it.</summary>
public sealed class HandlerRuns
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
