using System.Runtime.ExceptionServices;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Cli.Delivering;

/// <summary>
/// Posts a delivery's exact bytes with its headers, as a sender does: the library's guard against internal addresses
/// (the address connected to is the address checked), no redirect followed (a signed delivery goes only where it was
/// sent), no proxy but a configured one, no cookies, a bounded wait. Used by <c>send</c>, <c>replay</c> and the
/// inspector's resend.
/// </summary>
internal sealed class DeliveryPoster : IDisposable
{
    // Headers that describe one connection or that the client sets itself; everything else travels as given.
    private static readonly HashSet<string> NotSent = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
        "Expect", "Proxy-Authorization", "Proxy-Authenticate",
    };

    private readonly WebhookSenderOptions _guard;
    private readonly HttpClient _client;

    /// <summary>Creates a poster whose connections pass the guard configured by <paramref name="guard"/>.</summary>
    /// <param name="guard">The development mode, allow-list and proxy.</param>
    /// <param name="context">The tool's resolver and connect step, when tests replace them.</param>
    public DeliveryPoster(WebhookSenderOptions guard, CliContext? context = null)
    {
        _guard = guard;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        WebhookAddressGuard.Install(
            handler,
            () => guard,
            context?.ResolveHost is { } resolve ? new WebhookAddressGuard.Resolver(resolve) : null,
            context?.Connect is { } connect ? new WebhookAddressGuard.Connector(connect) : null,
            DeliveryGuard.Advice);
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="target"/>; a missing Content-Type is sent as JSON.</summary>
    /// <exception cref="WebhookAddressRefusedException">The target's address is internal and not allowed; nothing was sent.</exception>
    public async Task<HttpResponseMessage> PostAsync(Uri target, ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        WebhookAddressGuard.CheckLiteral(target, _guard, DeliveryGuard.Advice);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ReadOnlyMemoryContent(body) };
        var typed = false;
        foreach (var (name, value) in headers)
        {
            if (NotSent.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                typed |= string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (!typed)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        try
        {
            return await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            ExceptionDispatchInfo.Capture(refused).Throw();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();
}
