using WebhookSignatures.AspNetCore;

/// <summary>
/// Wraps the registered delivery store and times each of its operations from the verifier's side: the round trip to
/// Redis and back onto a thread that continues the request, or the in-memory lock. Only with <c>--time-store true</c>.
/// </summary>
internal sealed class TimedDeliveryStore(IWebhookDeliveryStore inner) : IWebhookDeliveryStore
{
    public OperationTimings Reserve { get; } = new("reserve");

    public OperationTimings Complete { get; } = new("complete");

    public OperationTimings Release { get; } = new("release");

    public async ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            return await inner.TryReserveAsync(key, token, lease, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Reserve.Add(TimeProvider.System.GetElapsedTime(started));
        }
    }

    public async ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            return await inner.CompleteAsync(key, token, timeToLive, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Complete.Add(TimeProvider.System.GetElapsedTime(started));
        }
    }

    public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken) =>
        inner.RenewAsync(key, token, lease, cancellationToken);

    public async ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            return await inner.ReleaseAsync(key, token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release.Add(TimeProvider.System.GetElapsedTime(started));
        }
    }
}
