namespace WebhookSignatures.Cli.Demo;

/// <summary>
/// Sits after the signing handler and keeps a copy of the last request exactly as it goes on the wire, so the
/// demo can replay the identical signed delivery.
/// </summary>
internal sealed class WireCapture : DelegatingHandler
{
    public byte[] Body { get; private set; } = [];

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public WireCapture(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Headers.Clear();
        foreach (var (name, values) in request.Headers)
        {
            Headers.Add(new(name, string.Join(", ", values)));
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
