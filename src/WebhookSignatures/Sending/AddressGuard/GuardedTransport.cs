namespace WebhookSignatures.Sending;

/// <summary>
/// Which handler does a webhook client's I/O, and how the guard against internal addresses is put on it: the one that
/// <see cref="WebhookSender.Create"/>, <c>AddWebhookSigning</c> and the first request through a
/// <see cref="WebhookSigningHandler"/> all use.
/// </summary>
internal static class GuardedTransport
{
    /// <summary>A new guarded handler: no redirects, no proxy but the configured one, names checked where they are connected.</summary>
    public static SocketsHttpHandler Create(Func<WebhookSenderOptions> options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        WebhookAddressGuard.Install(handler, options);
        return handler;
    }

    /// <summary>
    /// Puts the guard on the handler that does the I/O, looking through <see cref="DelegatingHandler"/>s to it: a
    /// <see cref="SocketsHttpHandler"/> gets it; an <see cref="HttpClientHandler"/>, which cannot check the address it
    /// connects to, is refused. A handler of another type (a test double, TestServer's, a transport of your own)
    /// connects by its own means and is left alone; the signing handler still refuses internal addresses written in URLs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The handler cannot be guarded.</exception>
    public static void Apply(HttpMessageHandler? handler, Func<WebhookSenderOptions> options)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        switch (handler)
        {
            case SocketsHttpHandler sockets:
                WebhookAddressGuard.Install(sockets, options);
                break;
            case HttpClientHandler:
                throw new InvalidOperationException(
                    "Webhooks would be sent through an HttpClientHandler, which cannot check the address it connects to, so the guard against internal addresses cannot be put on it. " +
                    "Use a SocketsHttpHandler (it has the same settings), or let WebhookSender.Create or AddWebhookSigning create the handler.");
        }
    }
}
