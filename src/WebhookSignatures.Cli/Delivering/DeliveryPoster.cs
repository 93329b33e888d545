namespace WebhookSignatures.Cli.Delivering;

/// <summary>
/// Posts a delivery's exact bytes with its headers, as a sender does: no redirect followed (a signed delivery goes
/// only where it was sent), no proxy, no cookies, a bounded wait. Used by <c>send</c>, <c>replay</c> and the
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

    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Posts <paramref name="body"/> to <paramref name="target"/>; a missing Content-Type is sent as JSON.</summary>
    public async Task<HttpResponseMessage> PostAsync(Uri target, ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
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

        return await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();
}
