using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A delivery reserved for one request. It is settled once: completed when the handler answered 2xx, released
/// otherwise, so the sender's retry runs the handler again. Disposing an unsettled reservation releases it. When the
/// store fails to settle it (Redis went away as the handler finished), settling is retried in the background until
/// the lease ends, so a handled delivery is still recorded when the store comes back within the lease.
/// </summary>
internal sealed class WebhookDeliveryReservation(
    IWebhookDeliveryStore store,
    WebhookDeliveryKey key,
    string token,
    TimeSpan timeToLive,
    DateTimeOffset leaseEnds,
    TimeProvider time,
    string schemeName,
    ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(2);

    private int _settled;

    public WebhookDeliveryKey Key => key;

    /// <summary>Completes (<paramref name="handled"/>) or releases the delivery; later calls do nothing. Never throws.</summary>
    /// <param name="handled">Whether the handler answered 2xx to a sender still connected.</param>
    /// <param name="status">The handler's status, for the log.</param>
    public async ValueTask SettleAsync(bool handled, int status)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return;
        }

        try
        {
            // Not the request's token: an aborted request must still give its reservation back.
            if (handled)
            {
                if (!await store.CompleteAsync(key, token, timeToLive, CancellationToken.None).ConfigureAwait(false))
                {
                    WebhookSignatureLog.LeaseLost(logger, key.RegistrationName, schemeName, key.Id.ToString());
                }
            }
            else
            {
                await store.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
                WebhookSignatureLog.Released(logger, key.RegistrationName, schemeName, status, key.Id.ToString());
            }
        }
        catch (Exception e)
        {
            WebhookSignatureLog.SettleFailed(logger, e, key.RegistrationName, schemeName, handled ? "complete" : "release", key.Id.ToString());
            _ = RetryUntilLeaseEndsAsync(handled);
        }
    }

    // The store's operations act only while the key holds this token (or, for a completion, holds nothing), so trying
    // again is safe; after the lease nothing is left to settle and the delivery belongs to the sender's retry.
    private async Task RetryUntilLeaseEndsAsync(bool handled)
    {
        var wait = FirstRetry;
        while (time.GetUtcNow() + wait < leaseEnds)
        {
            await Task.Delay(wait, time).ConfigureAwait(false);
            try
            {
                if (handled)
                {
                    await store.CompleteAsync(key, token, timeToLive, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await store.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
                }

                WebhookSignatureLog.SettledOnRetry(logger, key.RegistrationName, schemeName, handled ? "completed" : "released", key.Id.ToString());
                return;
            }
            catch (Exception)
            {
                // Still unreachable: wait longer, within the lease.
                wait = wait * 2 < LongestRetry ? wait * 2 : LongestRetry;
            }
        }
    }

    public ValueTask DisposeAsync() => SettleAsync(handled: false, status: 0);
}
