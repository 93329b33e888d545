using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>A receiving application in one of the three shapes, on TestServer or on Kestrel.</summary>
public sealed class TestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public const long SnykMaxBodySize = 64 * 1024;

    // A route handler (not a RequestDelegate), so parameter binding and result writing run as in real apps.
    private static readonly Delegate Handler = (HttpContext context) => Echo.DescribeAsync(context);

    private TestApp(WebApplication app, HttpClient client, FakeTimeProvider time, CapturedLogs logs)
    {
        App = app;
        Client = client;
        Time = time;
        Logs = logs;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => App.Services;

    public int HandlerRuns => App.Services.GetRequiredService<HandlerRuns>().Count;

    /// <summary>Infisical (current and previous secret), Snyk (64 KiB limit) and GitHub.</summary>
    public static void DefaultRegistrations(WebhookSignaturesBuilder webhooks)
    {
        webhooks
            .AddInfisical("infisical", o =>
            {
                o.Secrets.Add(Secrets.Infisical);
                o.Secrets.Add(Secrets.InfisicalPrevious);
            })
            .AddSnyk("snyk", o =>
            {
                o.Secrets.Add(Secrets.Snyk);
                o.MaxBodySize = SnykMaxBodySize;
            })
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub));
    }

    public static async Task<TestApp> StartAsync(
        Shape shape,
        Action<WebhookSignaturesBuilder>? register = null,
        Action<IServiceCollection>? configureServices = null,
        bool kestrel = false,
        FakeTimeProvider? time = null,
        bool withMiddleware = false,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? configureKestrel = null,
        Action<WebApplication, Delegate>? mapMore = null)
    {
        time ??= new FakeTimeProvider(Now);
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        if (kestrel)
        {
            builder.WebHost.UseKestrel(o =>
            {
                o.Listen(IPAddress.Loopback, 0);
                configureKestrel?.Invoke(o);
            });
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<HandlerRuns>();
        (register ?? DefaultRegistrations)(builder.Services.AddWebhookSignatures());
        configureServices?.Invoke(builder.Services);
        if (shape == Shape.Mvc)
        {
            builder.Services.AddControllers().AddApplicationPart(typeof(WebhooksController).Assembly);
        }

        var app = builder.Build();
        if (withMiddleware && shape != Shape.Middleware)
        {
            app.UseWebhookSignatures();
        }

        MapEndpoints(app, shape);

        // Endpoints a test needs beyond the standard ones (a path a sender signs), answered by the same echo handler.
        mapMore?.Invoke(app, Handler);
        await app.StartAsync();

        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        }
        else
        {
            client = app.GetTestClient();
        }

        return new TestApp(app, client, time, logs);
    }

    private static void MapEndpoints(WebApplication app, Shape shape)
    {
        // Only for the registrations a test made: an endpoint naming no registration refuses to start.
        var registered = app.Services.GetRequiredService<WebhookRegistrationNames>().Names;
        switch (shape)
        {
            case Shape.Middleware:
                app.UseWebhookSignatures();
                foreach (var name in ((string[])["infisical", "snyk", "github", "slack", "zoom", "twitch", "paddle"]).Where(registered.Contains))
                {
                    app.MapPost($"/hooks/{name}", Handler).WithMetadata(new RequireWebhookSignatureAttribute(name));
                }

                if (registered.Contains("snyk"))
                {
                    app.Map("/any-method/snyk", Handler).WithMetadata(new RequireWebhookSignatureAttribute("snyk"));
                    MapBodyReaders(app.MapGroup("/bound").WithMetadata(new RequireWebhookSignatureAttribute("snyk")));
                }

                app.MapPost("/open", Handler);
                break;

            case Shape.Convention:
                if (registered.Contains("infisical"))
                {
                    app.MapPost("/hooks/infisical", Handler).RequireWebhookSignature("infisical");
                }

                if (registered.Contains("snyk"))
                {
                    app.MapGroup("/hooks/snyk").RequireWebhookSignature("snyk").MapPost(string.Empty, Handler);
                    MapBodyReaders(app.MapGroup("/bound").RequireWebhookSignature("snyk"));
                }

                if (registered.Contains("github"))
                {
                    app.MapPost("/hooks/github", Handler).RequireWebhookSignature("github").AllowAnonymous();
                }

                foreach (var name in ((string[])["standard-webhooks", "discord", "stripe", "infisical-alerts", "slack", "zoom", "twitch", "paddle", "twilio", "hubspot", "square", "shopify", "linear", "gitlab"]).Where(registered.Contains))
                {
                    app.MapPost($"/hooks/{name}", Handler).RequireWebhookSignature(name);
                }

                app.MapPost("/open", Handler);
                break;

            default:
                app.MapControllers();
                break;
        }
    }

    private static void MapBodyReaders(RouteGroupBuilder group)
    {
        group.MapPost("/snyk", (SnykPing ping) => ping.WebhookId);
        group.MapPost("/json", (Delegate)(async (HttpContext context) => (await context.Request.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookId").GetString()));
        group.MapPost("/pipe", async (HttpContext context) =>
        {
            long length = 0;
            while (true)
            {
                var read = await context.Request.BodyReader.ReadAsync();
                length += read.Buffer.Length;
                context.Request.BodyReader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return length;
                }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Snyk's ping event, for parameter binding.</summary>
public sealed record SnykPing(string WebhookId);
