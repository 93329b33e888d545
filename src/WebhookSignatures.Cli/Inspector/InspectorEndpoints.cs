using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebhookSignatures.Cli.Delivering;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// <c>listen --inspect</c>: the page at <c>/_inspect</c>, its script and stylesheet, the server-sent events that add
/// each delivery live, and resend. Every response forbids inline script, framing and any other origin.
/// </summary>
internal sealed class InspectorEndpoints(DeliveryLog log, bool remote) : IDisposable
{
    public const string BasePath = "/_inspect";

    /// <summary>No inline script or style, nothing from elsewhere, no images at all: injected markup can do nothing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    // Resends go to the receiver beside the inspector, on loopback, and nowhere else.
    private readonly DeliveryPoster _poster = new(DeliveryGuard.LoopbackOnly);

    /// <summary>Where resent deliveries go: the receiver itself, set once it listens.</summary>
    public Uri? ReceiverAddress { get; set; }

    /// <summary>What the page says it receives on: the delivery URL and scheme, set once the receiver listens.</summary>
    public string Listening { get; set; } = string.Empty;

    public void Map(WebApplication app)
    {
        Get(app, BasePath, PageAsync);
        Get(app, BasePath + "/inspector.js", context => AssetAsync(context, "text/javascript; charset=utf-8", InspectorAssets.Script));
        Get(app, BasePath + "/inspector.css", context => AssetAsync(context, "text/css; charset=utf-8", InspectorAssets.Stylesheet));
        Get(app, BasePath + "/events", EventsAsync);
        app.MapPost(BasePath + "/deliveries/{sequence:long}/resend", Guarded(ResendAsync)).WithMetadata(ToolRoute.Instance);
    }

    private void Get(WebApplication app, string pattern, RequestDelegate handler) =>
        app.MapGet(pattern, Guarded(handler)).WithMetadata(ToolRoute.Instance);

    private RequestDelegate Guarded(RequestDelegate handler) => context =>
    {
        if (!InspectorAccess.Allows(context, remote))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return handler(context);
    };

    /// <summary>
    /// Writes the page a delivery at a time, each counted against the inspector's bound until written: a page that
    /// is never read holds the deliveries it has yet to show, not a copy of the whole page, and is dropped when the
    /// bound needs it.
    /// </summary>
    private async Task PageAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        using var reader = log.Read(context.Abort);
        var cancellationToken = context.RequestAborted;
        try
        {
            await context.Response.WriteAsync(InspectorPage.Head(Listening, reader.Opened, reader.Newest, log.Capacity, log.Run), cancellationToken).ConfigureAwait(false);
            if (!await WriteQueuedAsync(context.Response, reader, InspectorPage.Article, cancellationToken).ConfigureAwait(false))
            {
                // Dropped: the page is closed, never ended as if it were whole.
                context.Abort();
                return;
            }

            await context.Response.WriteAsync(InspectorPage.Tail, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The page went away, or it was dropped.
        }
    }

    /// <summary>
    /// Writes each delivery the reader has yet to write, counting its text against the bound while it is written;
    /// false when the reader was dropped (its connection is being closed) or missed deliveries no longer kept.
    /// </summary>
    private static async Task<bool> WriteQueuedAsync(HttpResponse response, DeliveryReader reader, Func<InspectedDelivery, string> format, CancellationToken cancellationToken)
    {
        while (reader.TryTake(out var delivery))
        {
            var text = format(delivery);

            // The string, and its UTF-8 bytes in the response's buffer until the reader takes them.
            if (!reader.Charge((text.Length * 2L) + Encoding.UTF8.GetByteCount(text)))
            {
                return false;
            }

            await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
            reader.Sent();
        }

        return !reader.IsDropped && !reader.IsMissed;
    }

    private static Task AssetAsync(HttpContext context, string contentType, string content)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(content);
    }

    /// <summary>
    /// Sends every delivery after the page's last (<c>?after=</c>, or <c>Last-Event-ID</c> when the browser
    /// reconnects), then each new one, until the page goes away, the receiver stops or the log drops this reader
    /// (it fell behind while still writing; the browser reconnects). A page that can no longer be made whole
    /// (deliveries it missed are no longer kept, or it comes from an earlier run) is told to reload.
    /// </summary>
    private async Task EventsAsync(HttpContext context)
    {
        var (after, run) = ReadAfter(context.Request);
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers["X-Accel-Buffering"] = "no";
        using var reader = log.Subscribe(after, run, context.Abort);
        try
        {
            if (!reader.IsMissed)
            {
                await response.WriteAsync("retry: 2000\n\n", done.Token).ConfigureAwait(false);
            }

            while (await WriteQueuedAsync(response, reader, EventText, done.Token).ConfigureAwait(false))
            {
                await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                if (!await reader.WaitAsync(KeepAlive, done.Token).ConfigureAwait(false))
                {
                    await response.WriteAsync(": keep-alive\n\n", done.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(done.Token).ConfigureAwait(false);
                }
            }

            if (reader.IsDropped)
            {
                // Closed, whether or not the log closed it first: the browser reconnects and says what it has.
                context.Abort();
            }
            else if (reader.IsMissed)
            {
                await response.WriteAsync("event: reload\ndata: \n\n", done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed, the receiver is stopping, or the reader was dropped.
        }
    }

    /// <summary>One server-sent event; its id names the run and the delivery, so a reconnecting page says both.</summary>
    private string EventText(InspectedDelivery delivery)
    {
        // Compact JSON holds no raw line break, so one data line carries it.
        var json = JsonSerializer.Serialize(InspectedDeliveryView.From(delivery), CliJsonContext.Output.InspectedDeliveryView);
        return string.Create(CultureInfo.InvariantCulture, $"id: {log.Run}.{delivery.Sequence}\nevent: delivery\ndata: {json}\n\n");
    }

    /// <summary>The page's last delivery and its run: <c>Last-Event-ID: run.sequence</c>, or <c>?after=sequence&amp;run=run</c>.</summary>
    private static (long After, string? Run) ReadAfter(HttpRequest request)
    {
        string? run;
        string? text;
        if (request.Headers["Last-Event-ID"].FirstOrDefault() is { } id)
        {
            var dot = id.LastIndexOf('.');
            run = dot < 0 ? null : id[..dot];
            text = id[(dot + 1)..];
        }
        else
        {
            run = request.Query["run"].FirstOrDefault();
            text = request.Query["after"].FirstOrDefault();
        }

        return (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : 0, run);
    }

    /// <summary>Posts the delivery's exact bytes and headers to the receiver again, so the page shows how the duplicate is answered.</summary>
    private async Task ResendAsync(HttpContext context)
    {
        if (!InspectorAccess.IsFromOwnPage(context.Request))
        {
            await AnswerAsync(context, StatusCodes.Status403Forbidden, new ResendOutcome(null, "only the inspector's page can resend")).ConfigureAwait(false);
            return;
        }

        var sequence = long.TryParse(context.Request.RouteValues["sequence"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        if (log.Find(sequence) is not { } delivery)
        {
            await AnswerAsync(context, StatusCodes.Status404NotFound, new ResendOutcome(null, $"delivery #{sequence} is no longer kept")).ConfigureAwait(false);
            return;
        }

        if (delivery.Truncated || ReceiverAddress is null)
        {
            await AnswerAsync(context, StatusCodes.Status409Conflict, new ResendOutcome(null, "its body was over the limit and is not kept whole")).ConfigureAwait(false);
            return;
        }

        try
        {
            // The path and query as received, under the receiver's own address: a path such as //elsewhere/x (a
            // network-path reference) must never send the delivery to another host.
            var target = ResendTarget(ReceiverAddress, delivery.PathAndQuery);
            using var response = await _poster.PostAsync(target, delivery.Body, delivery.SentHeaders, context.RequestAborted).ConfigureAwait(false);
            await AnswerAsync(context, StatusCodes.Status200OK, new ResendOutcome((int)response.StatusCode, null)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or UriFormatException || (e is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            await AnswerAsync(context, StatusCodes.Status502BadGateway, new ResendOutcome(null, e.Message)).ConfigureAwait(false);
        }
    }

    public void Dispose() => _poster.Dispose();

    /// <summary>The receiver's scheme, host and port with the received path and query, whatever the path holds.</summary>
    internal static Uri ResendTarget(Uri receiver, string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var builder = new UriBuilder(receiver)
        {
            Path = query < 0 ? pathAndQuery : pathAndQuery[..query],
            Query = query < 0 ? string.Empty : pathAndQuery[(query + 1)..],
            Fragment = string.Empty,
        };
        var target = builder.Uri;
        if (!string.Equals(target.Authority, receiver.Authority, StringComparison.OrdinalIgnoreCase) || target.Scheme != receiver.Scheme)
        {
            throw new UriFormatException("The received path does not stay on this receiver.");
        }

        return target;
    }

    private static Task AnswerAsync(HttpContext context, int status, ResendOutcome outcome)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(outcome, CliJsonContext.Output.ResendOutcome));
    }
}
