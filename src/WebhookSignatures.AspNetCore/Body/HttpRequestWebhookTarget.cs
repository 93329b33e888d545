using Microsoft.AspNetCore.Http;

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
        // The query is kept as received; the path is written as ASP.NET Core escapes it.
        var text = publicBaseUrl is null
            ? string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.ToUriComponent(), request.Path.ToUriComponent(), request.QueryString.Value)
            : string.Concat(publicBaseUrl.OriginalString.AsSpan().TrimEnd('/'), request.Path.ToUriComponent(), request.QueryString.Value);
        return request.Host.HasValue || publicBaseUrl is not null
            ? Uri.TryCreate(text, UriKind.Absolute, out var url) ? new WebhookRequestTarget(request.Method, url) : WebhookRequestTarget.None
            : WebhookRequestTarget.None;
    }
}
