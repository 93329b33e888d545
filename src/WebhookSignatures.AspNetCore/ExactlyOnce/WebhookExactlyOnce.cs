using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The exactly-once policy: a verified delivery is reserved under its signed identity for the registration's lease,
/// and a handled one is remembered for as long as its bytes, or its sender's re-signed retries, can come again.
/// </summary>
internal sealed class WebhookExactlyOnce(IWebhookDeliveryStore store, WebhookStoreRetries retries, ILogger<WebhookExactlyOnce> logger, TimeProvider time)
{
    /// <summary>
    /// Asks the store to reserve <paramref name="result"/>'s delivery for a new token. Never throws: a store that threw
    /// gives an unconfirmed reservation, which its caller settles (or releases later) like any other.
    /// </summary>
    public async ValueTask<WebhookReservationAttempt> ReserveAsync(ActiveWebhookRegistration registration, WebhookVerificationResult result, CancellationToken cancellationToken)
    {
        var lease = registration.Options.ExactlyOnce.LeaseDuration;
        var key = new WebhookDeliveryKey(registration.Name, result.Identity);
        var token = Guid.NewGuid().ToString("N");
        try
        {
            var outcome = await store.TryReserveAsync(key, token, lease, cancellationToken).ConfigureAwait(false);
            return new(key, outcome, outcome == WebhookReservationOutcome.Reserved ? Reservation(isConfirmed: true) : null, null);
        }
        catch (Exception e)
        {
            // The command may have reached the store and may still land there: it is a reservation to give back.
            return new(key, null, Reservation(isConfirmed: false), e);
        }

        WebhookDeliveryReservation Reservation(bool isConfirmed) =>
            new(store, retries, key, token, TimeToLive(registration, key, result), lease, isConfirmed, time, registration.Scheme.Name, logger);
    }

    /// <summary>
    /// How long a handled delivery is remembered: never less than until its signed timestamp leaves the window, since
    /// the identical bytes verify until then; exactly that when the identity is the signed content (they fail
    /// verification after that anyway), and at least the configured time to live for a signed id, which a sender's
    /// re-signed retry carries past the window.
    /// </summary>
    private TimeSpan TimeToLive(ActiveWebhookRegistration registration, WebhookDeliveryKey key, WebhookVerificationResult result)
    {
        var configured = registration.Options.ExactlyOnce.TimeToLive;
        if (result.Timestamp is not { } signed)
        {
            return configured;
        }

        var remaining = signed + registration.Scheme.Tolerance - time.GetUtcNow();
        if (remaining < TimeSpan.FromSeconds(1))
        {
            remaining = TimeSpan.FromSeconds(1);
        }

        return key.Id.Source == WebhookDeliveryIdentitySource.SignedContent || remaining > configured ? remaining : configured;
    }
}
