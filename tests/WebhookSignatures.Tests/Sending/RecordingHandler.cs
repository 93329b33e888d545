using System.Net;

namespace WebhookSignatures.Tests.Sending;

/// <summary>The end of a handler chain: records what would go on the wire and answers 200.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public List<(Uri? Url, byte[] Body, WebhookHeaders Headers, string? ContentType)> Sent { get; } = [];

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, the handler waits for cancellation instead of answering.</summary>
    public bool Hang { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new WebhookHeaders();
        foreach (var header in request.Headers)
        {
            headers.Add(header.Key, string.Join(", ", header.Value));
        }

        Sent.Add((request.RequestUri, body, headers, request.Content?.Headers.ContentType?.MediaType));
        Entered.TrySetResult();
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
