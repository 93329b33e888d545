using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>
/// A receiver whose handler does what the test says (answer, throw, wait), counting its runs: Snyk, Standard Webhooks,
/// Stripe and Infisical registrations at <c>/hooks/&lt;name&gt;</c>, on TestServer or on Kestrel.
/// </summary>
public sealed class ScriptedReceiver : IAsyncDisposable
{
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string StripeSecret = "whsec_stripe-test-secret-00000001";
    public const string StripePreviousSecret = "whsec_stripe-previous-secret-0001";

    private readonly WebApplication _app;
    private int _runs;

    private ScriptedReceiver(WebApplication app, HttpClient client, CapturedLogs logs)
    {
        _app = app;
        Client = client;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>How often a handler ran (to its first line).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>What the handler does; by default it answers 200.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = static _ => Task.CompletedTask;

    public static async Task<ScriptedReceiver> StartAsync(
        TimeProvider time, bool kestrel = false, Action<WebhookSignaturesBuilder>? store = null, Action<WebhookRegistrationOptions>? configure = null)
    {
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (kestrel)
        {
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton(time);
        var webhooks = builder.Services.AddWebhookSignatures()
            .AddSnyk("snyk", o => Configure(o, Secrets.Snyk))
            .AddStandardWebhooks("standard-webhooks", o => Configure(o, StandardSecret))
            .AddStripe("stripe", o => Configure(o, StripeSecret, StripePreviousSecret))
            .AddInfisical("infisical", o => Configure(o, Secrets.Infisical));
        store?.Invoke(webhooks);

        var app = builder.Build();
        ScriptedReceiver? receiver = null;
        foreach (var name in (string[])["snyk", "standard-webhooks", "stripe", "infisical"])
        {
            app.MapPost($"/hooks/{name}", async (HttpContext context) =>
            {
                Interlocked.Increment(ref receiver!._runs);
                await receiver.Handler(context);
            }).RequireWebhookSignature(name);
        }

        await app.StartAsync();
        var client = kestrel
            ? new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()) }
            : app.GetTestClient();
        receiver = new ScriptedReceiver(app, client, logs);
        return receiver;

        void Configure(WebhookRegistrationOptions options, params string[] secrets)
        {
            foreach (var secret in secrets)
            {
                options.Secrets.Add(secret);
            }

            configure?.Invoke(options);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
