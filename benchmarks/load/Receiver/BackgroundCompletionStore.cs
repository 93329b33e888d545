using WebhookSignatures.AspNetCore;

/// <summary>
/// Completes deliveries without making the request wait: the completion is sent and the verifier is told at once
/// that it succeeded, so the answer goes out a round trip sooner (<c>--complete-in-background true</c>). It stands in
/// for a verifier that answers the sender before it completes the delivery, to measure what that would gain.
/// </summary>
internal sealed class BackgroundCompletionStore(IWebhookDeliveryStore inner) : IWebhookDeliveryStore
{
    private long _failed;

    /// <summary>Completions that threw (Redis unreachable): their reservations end with their lease.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.TryReserveAsync(key, token, lease, cancellationToken);

    public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        _ = CompleteLaterAsync(key, token, timeToLive);
        return ValueTask.FromResult(true);
    }

    public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.RenewAsync(key, token, lease, cancellationToken);

    public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(key, token, cancellationToken);

    private async Task CompleteLaterAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive)
    {
        try
        {
            await inner.CompleteAsync(key, token, timeToLive, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
