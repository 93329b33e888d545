using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// A Kestrel receiver built on the ASP.NET Core package: each endpoint requires its scheme's signature
/// (2xx verified, 401 refused, 413 too large), exactly-once handling in memory or shared through Redis, and one
/// <see cref="DeliveryRecord"/> per request. Used by <c>listen</c> and <c>demo</c>.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>How much of a body is kept for the inspector and <c>--save</c>: the receiver's own limit and a byte more.</summary>
    private const int CaptureLimit = (int)WebhookRegistrationOptions.DefaultMaxBodySize + 1;

    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        Addresses = addresses;
    }

    /// <summary>The addresses Kestrel listens on, with the real port when 0 was asked for.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Signals when the host is told to stop (Ctrl+C or SIGTERM through the console lifetime).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>
    /// What the Redis store read at start-up about what its Redis can lose, and why it is below what is accepted (or null),
    /// or null without Redis or when the connection does not allow INFO.
    /// </summary>
    public (string Facts, string? Shortfall)? RedisFacts =>
        _app.Services.GetService<RedisDeliveryStoreConnection>() is { LastFacts: { } facts, Options: { } options }
            ? (facts.Describe(), facts.Shortfall(options.AcceptedDurability, options.ReplicatedCompletionReplicas))
            : null;

    /// <summary>Starts the receiver.</summary>
    /// <param name="configuration">Where it listens, its endpoints and how it treats deliveries.</param>
    /// <param name="onDelivery">Called once per request, after the response is decided.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    public static async Task<WebhookReceiver> StartAsync(ReceiverConfiguration configuration, Action<DeliveryRecord> onDelivery, CancellationToken cancellationToken)
    {
        var urls = configuration.Urls;
        var endpoints = configuration.Endpoints;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "webhooksig", Args = [] });
        if (urls.Contains("https://", StringComparison.OrdinalIgnoreCase))
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        var signatures = builder.Services.AddWebhookSignatures();

        // The endpoints' schemes as the tool's catalog has them, so a scheme added to it is found by name here too.
        foreach (var schemeName in endpoints.Select(static e => e.SchemeName).Distinct(StringComparer.Ordinal))
        {
            signatures.AddScheme(configuration.Schemes.Get(schemeName));
        }

        var endpointsByRegistration = new Dictionary<string, ReceiverEndpoint>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            var registration = $"{endpoint.SchemeName}-{i}";
            endpointsByRegistration[registration] = endpoint;
            signatures.Add(registration, endpoint.SchemeName, options =>
            {
                foreach (var secret in endpoint.Secrets)
                {
                    options.Secrets.Add(secret);
                }

                options.Tolerance = configuration.Tolerance;
                options.ExactlyOnce.Enabled = configuration.ExactlyOnce;
                options.ExactlyOnce.LeaseDuration = configuration.Lease;
            });
        }

        if (configuration.Redis is { } redis)
        {
            signatures.AddRedisDeliveryStore(options =>
            {
                options.Configuration = redis;
                configuration.RedisOptions?.Invoke(options);
            });
        }

        HealthEndpoint.AddChecks(builder.Services, configuration.Redis, configuration.ExactlyOnce);
        var app = builder.Build();
        var clock = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        var capture = configuration.CaptureRequests;
        app.Use(async (context, next) =>
        {
            var body = capture ? new BodyCapture(context.Request.Body, CaptureLimit) : null;
            if (body is not null)
            {
                context.Request.Body = body;
            }

            await next(context).ConfigureAwait(false);
            if (context.GetEndpoint()?.Metadata.GetMetadata<ToolRoute>() is not null)
            {
                return;
            }

            var verified = context.GetWebhookVerification();
            var outcome = context.GetWebhookOutcome();
            var registration = context.GetEndpoint()?.Metadata.GetMetadata<IWebhookSignatureMetadata>()?.RegistrationName;
            var endpoint = registration is not null && endpointsByRegistration.TryGetValue(registration, out var found) ? found : null;
            var scheme = verified?.Scheme.Name ?? endpoint?.SchemeName;
            onDelivery(new DeliveryRecord(
                clock.GetUtcNow(),
                scheme,
                verified?.EventName,
                context.Response.StatusCode,
                ReceiverReasons.Of(outcome) ?? context.Items[typeof(DeliveryForwarder)] as string,
                context.Request.Headers[DeliveryRecord.TagHeaderName].FirstOrDefault())
            {
                Endpoint = endpoint,
                Refused = outcome is not null && outcome.Outcome is not (WebhookOutcome.Duplicate or WebhookOutcome.Handshake),
                Request = body is null ? null : Capture(context.Request, body),
            });
        });

        HealthEndpoint.Map(app);
        configuration.MapRoutes?.Invoke(app);

        var forwarder = configuration.ForwardTo is { } forwardTo ? new DeliveryForwarder(DeliveryForwarder.CreateClient(), forwardTo) : null;
        for (var i = 0; i < endpoints.Count; i++)
        {
            RequestDelegate handler = forwarder is null
                ? static context =>
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return Task.CompletedTask;
                }
                : forwarder.ForwardAsync;
            app.MapPost(endpoints[i].Path, handler).RequireWebhookSignature($"{endpoints[i].SchemeName}-{i}");
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return new WebhookReceiver(app, [.. addresses.Select(a => new Uri(a.Replace("[::]", "localhost", StringComparison.Ordinal)))]);
    }

    private static CapturedRequest Capture(HttpRequest request, BodyCapture body)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? string.Empty));
            }
        }

        var bytes = body.ToArray();
        var pathAndQuery = $"{request.PathBase}{request.Path}{request.QueryString}";
        return new CapturedRequest(request.Method, $"{request.Scheme}://{request.Host.Value}{pathAndQuery}", pathAndQuery, headers, bytes, body.Overflowed || request.ContentLength > bytes.Length);
    }

    /// <summary>Stops accepting and finishes the requests in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
