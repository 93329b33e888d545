namespace WebhookSignatures.Sending;

/// <summary>
/// Webhooks are never sent on through a redirect: a redirect would hand the signed body and its signature to a URL
/// the sender never chose, past the HTTPS check made on the first one. A 3xx answer is the receiver's answer.
/// </summary>
internal static class WebhookRedirectPolicy
{
    /// <summary>
    /// Turns automatic redirects off on the handler that does the I/O, looking through <see cref="DelegatingHandler"/>s
    /// to it. Handlers of other types are left alone; <see cref="ThrowIfFollowed"/> catches what they do.
    /// </summary>
    public static void DisableAutoRedirect(HttpMessageHandler? handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        try
        {
            switch (handler)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } client:
                    client.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException e)
        {
            // A handler refuses changes once it has sent a request.
            throw new InvalidOperationException(
                "The handler that sends webhooks follows redirects and has already sent requests, so redirects cannot be turned off on it. " +
                "Give a new handler, or one with AllowAutoRedirect = false.",
                e);
        }
    }

    /// <summary>
    /// Throws an <see cref="HttpRequestException"/> (and disposes <paramref name="response"/>) when the request ended up
    /// somewhere other than <paramref name="target"/>, which means a handler followed a redirect.
    /// </summary>
    public static void ThrowIfFollowed(Uri? target, HttpRequestMessage request, HttpResponseMessage response)
    {
        var final = response.RequestMessage?.RequestUri ?? request.RequestUri;
        if (target == final && target == request.RequestUri)
        {
            return;
        }

        response.Dispose();

        // Only scheme, host and port go into the message: a URL's path or query may carry a token.
        throw new WebhookRedirectFollowedException(
            $"The webhook delivery to {Where(target)} was redirected to {Where(final)} and the HTTP handler followed the redirect, " +
            "so the signed delivery was sent there too; that answer is not the receiver's. Webhooks are not sent on through redirects: " +
            "set AllowAutoRedirect = false on the client's primary handler (WebhookSender.Create and AddWebhookSigning do this for SocketsHttpHandler and HttpClientHandler).");
    }

    private static string Where(Uri? url) =>
        url is { IsAbsoluteUri: true } ? $"{url.Scheme}://{url.Host}:{url.Port}" : "an unknown URL";
}
