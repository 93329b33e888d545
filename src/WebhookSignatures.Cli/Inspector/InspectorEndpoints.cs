using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// <c>listen --inspect</c>: the routes under <c>/_inspect</c> (the page, its script and stylesheet, the
/// <see cref="InspectorEventStream"/> and <see cref="InspectorResend"/>), each open only to whom
/// <see cref="InspectorAccess"/> allows. Every response forbids inline script, framing and any other origin.
/// </summary>
internal sealed class InspectorEndpoints(DeliveryLog log, bool remote) : IDisposable
{
    public const string BasePath = "/_inspect";

    /// <summary>No inline script or style, nothing from elsewhere, no images at all: injected markup can do nothing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly InspectorResend _resend = new(log);

    /// <summary>Where resent deliveries go: the receiver itself, set once it listens.</summary>
    public Uri? ReceiverAddress
    {
        get => _resend.ReceiverAddress;
        set => _resend.ReceiverAddress = value;
    }

    /// <summary>What the page says it receives on: the delivery URL and scheme, set once the receiver listens.</summary>
    public string Listening { get; set; } = string.Empty;

    public void Map(WebApplication app)
    {
        Get(app, BasePath, PageAsync);
        Get(app, BasePath + "/inspector.js", context => AssetAsync(context, "text/javascript; charset=utf-8", InspectorAssets.Script));
        Get(app, BasePath + "/inspector.css", context => AssetAsync(context, "text/css; charset=utf-8", InspectorAssets.Stylesheet));
        Get(app, BasePath + "/events", context => InspectorEventStream.WriteAsync(context, log));
        app.MapPost(BasePath + "/deliveries/{sequence:long}/resend", Guarded(_resend.ResendAsync)).WithMetadata(ToolRoute.Instance);
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
            if (!await reader.WriteQueuedAsync(context.Response, InspectorPage.Article, cancellationToken).ConfigureAwait(false))
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

    private static Task AssetAsync(HttpContext context, string contentType, string content)
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(content);
    }

    public void Dispose() => _resend.Dispose();
}
