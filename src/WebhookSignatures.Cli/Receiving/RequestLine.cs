namespace WebhookSignatures.Cli.Receiving;

/// <summary>The request line a delivery arrived on, from the text the receiver kept; never throws on what a sender sent.</summary>
internal static class RequestLine
{
    /// <summary>The method and absolute http(s) URL as a request target; <see cref="WebhookRequestTarget.None"/> when either is unusable.</summary>
    public static WebhookRequestTarget Parse(string? method, string? url) =>
        !string.IsNullOrEmpty(method) && method.All(c => c is > ' ' and < '\x7f')
        && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            ? new WebhookRequestTarget(method, parsed)
            : WebhookRequestTarget.None;
}
