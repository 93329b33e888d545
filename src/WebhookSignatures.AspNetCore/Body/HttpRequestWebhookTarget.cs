using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The request line a sender signed, as the request shows it: the method and the absolute URL built from the scheme,
/// host, path base, path and query the server received (after <c>UseForwardedHeaders</c> has applied a trusted proxy's
/// view), or from a registration's <see cref="WebhookRegistrationOptions.PublicBaseUrl"/> followed by the path and query.
/// </summary>
internal static class HttpRequestWebhookTarget
{
    /// <summary>The request's target; <see cref="WebhookRequestTarget.None"/> when no absolute URL can be made of it.</summary>
    public static WebhookRequestTarget From(HttpRequest request, Uri? publicBaseUrl)
    {
        // The path and query as the sender wrote them (the request line's raw target) where the server has it and no
        // path base was split off; otherwise the path as ASP.NET Core escapes it, which re-escapes %7E as ~ and
        // upper-cases %c3, and the query as received.
        // A public base URL stands for the scheme, host and path base, so only the path and query follow it.
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var escaped = string.Concat(request.Path.ToUriComponent(), request.QueryString.Value);
        var pathAndQuery = raw is { Length: > 0 } && raw[0] == '/' && !request.PathBase.HasValue ? raw : escaped;
        var text = publicBaseUrl is null
            ? string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.ToUriComponent(), pathAndQuery)
            : string.Concat(publicBaseUrl.OriginalString.AsSpan().TrimEnd('/'), pathAndQuery);
        return request.Host.HasValue || publicBaseUrl is not null
            ? Uri.TryCreate(text, UriKind.Absolute, out var url) ? new WebhookRequestTarget(request.Method, url) : WebhookRequestTarget.None
            : WebhookRequestTarget.None;
    }
}
