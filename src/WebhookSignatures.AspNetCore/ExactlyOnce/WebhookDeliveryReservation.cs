using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A delivery reserved for one request. It is settled once: completed when the handler answered 2xx, released
/// otherwise, so the sender's retry runs the handler again. Disposing an unsettled reservation releases it.
/// </summary>
internal sealed class WebhookDeliveryReservation(
    IWebhookDeliveryStore store, WebhookDeliveryKey key, string token, TimeSpan timeToLive, string schemeName, ILogger logger) : IAsyncDisposable
{
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
            // The reservation's lease still ends it: a retry after that runs the handler.
            WebhookSignatureLog.SettleFailed(logger, e, key.RegistrationName, schemeName, handled ? "complete" : "release", key.Id.ToString());
        }
    }

    public ValueTask DisposeAsync() => SettleAsync(handled: false, status: 0);
}
