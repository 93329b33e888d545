using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The exactly-once policy: a verified delivery is reserved under its signed identity for the registration's lease
/// (renewed while its handler runs when the store renews leases), and a handled one is remembered for as long as its
/// bytes, or its sender's re-signed retries, can come again.
/// </summary>
internal sealed class WebhookExactlyOnce
{
    private readonly TimeSpan _defaultLease;

    public WebhookExactlyOnce(
        IWebhookDeliveryStore store,
        WebhookStoreRetries retries,
        WebhookLeaseRenewal renewal,
        WebhookSignatureMetrics metrics,
        ILogger<WebhookExactlyOnce> logger,
        TimeProvider time)
    {
        Store = new ObservedDeliveryStore(store, metrics, time);
        Retries = retries;
        Renewal = renewal;
        Metrics = metrics;
        Logger = logger;
        Time = time;
        _defaultLease = Store.CanRenew ? WebhookExactlyOnceOptions.DefaultLeaseDuration : WebhookExactlyOnceOptions.DefaultLeaseDurationWithoutRenewal;
    }

    public ObservedDeliveryStore Store { get; }

    public WebhookStoreRetries Retries { get; }

    public WebhookLeaseRenewal Renewal { get; }

    public WebhookSignatureMetrics Metrics { get; }

    public ILogger Logger { get; }

    public TimeProvider Time { get; }

    /// <summary>The lease a registration's reservations get: its own, or the default for the store.</summary>
    public TimeSpan LeaseOf(ActiveWebhookRegistration registration) => registration.Options.ExactlyOnce.LeaseDuration ?? _defaultLease;

    /// <summary>
    /// Asks the store to reserve <paramref name="result"/>'s delivery for a new token, and watches the lease of a delivery
    /// it reserved. Never throws: a store that threw gives an unconfirmed reservation, which its caller settles (or
    /// releases later) like any other.
    /// </summary>
    public async ValueTask<WebhookReservationAttempt> ReserveAsync(ActiveWebhookRegistration registration, WebhookVerificationResult result, CancellationToken cancellationToken)
    {
        var lease = LeaseOf(registration);
        var scheme = registration.Scheme.Name;
        var key = new WebhookDeliveryKey(registration.Name, result.Identity);
        var token = WebhookReservationToken.Next();

        // Read before asking: the store's lease starts no earlier, so renewing and declaring it lost err on the early side.
        var reservedAt = Time.GetUtcNow();
        WebhookReservationOutcome outcome;
        try
        {
            outcome = await Store.TryReserveAsync(key, scheme, token, lease, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The command may have reached the store and may still land there: it is a reservation to give back.
            Metrics.Reservation(registration.Name, scheme, "store_unavailable");
            return new(key, null, Reservation(isConfirmed: false), e);
        }

        if (outcome != WebhookReservationOutcome.Reserved)
        {
            Metrics.Reservation(registration.Name, scheme, outcome == WebhookReservationOutcome.Completed ? "duplicate" : "in_flight");
            return new(key, outcome, null, null);
        }

        Metrics.Reservation(registration.Name, scheme, "reserved");
        var reservation = Reservation(isConfirmed: true);
        Renewal.Watch(reservation);
        return new(key, outcome, reservation, null);

        WebhookDeliveryReservation Reservation(bool isConfirmed) =>
            new(this, key, token, TimeToLive(registration, key, result), lease, reservedAt, isConfirmed, scheme);
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

        var remaining = signed + registration.Scheme.Tolerance - Time.GetUtcNow();
        if (remaining < TimeSpan.FromSeconds(1))
        {
            remaining = TimeSpan.FromSeconds(1);
        }

        return key.Id.Source == WebhookDeliveryIdentitySource.SignedContent || remaining > configured ? remaining : configured;
    }
}
