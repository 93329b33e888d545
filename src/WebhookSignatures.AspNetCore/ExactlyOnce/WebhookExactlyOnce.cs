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
    public ValueTask<WebhookReservationAttempt> ReserveAsync(ActiveWebhookRegistration registration, WebhookVerificationResult result, CancellationToken cancellationToken)
    {
        var request = new Request(registration, new WebhookDeliveryKey(registration.Name, result.Identity), WebhookReservationToken.Next(), LeaseOf(registration),
            // Read before asking: the store's lease starts no earlier, so renewing and declaring it lost err on the early side.
            Time.GetUtcNow(), result.Timestamp);
        ValueTask<WebhookReservationOutcome> asking;
        try
        {
            asking = Store.TryReserveAsync(request.Key, registration.Scheme.Name, request.Token, request.Lease, cancellationToken);
        }
        catch (Exception e)
        {
            return ValueTask.FromResult(Unanswered(request, e));
        }

        // A store in memory answers at once: no state machine to run.
        return asking.IsCompletedSuccessfully
            ? ValueTask.FromResult(Answered(request, asking.Result))
            : AwaitAsync(request, asking);
    }

    private async ValueTask<WebhookReservationAttempt> AwaitAsync(Request request, ValueTask<WebhookReservationOutcome> asking)
    {
        try
        {
            return Answered(request, await asking.ConfigureAwait(false));
        }
        catch (Exception e)
        {
            return Unanswered(request, e);
        }
    }

    // The command may have reached the store and may still land there: it is a reservation to give back.
    private WebhookReservationAttempt Unanswered(Request request, Exception e)
    {
        Metrics.Reservation(request.Registration.Name, request.Registration.Scheme.Name, "store_unavailable");
        return new(request.Key, null, Reservation(request, isConfirmed: false), e);
    }

    private WebhookReservationAttempt Answered(Request request, WebhookReservationOutcome outcome)
    {
        var registration = request.Registration;
        if (outcome != WebhookReservationOutcome.Reserved)
        {
            Metrics.Reservation(registration.Name, registration.Scheme.Name, outcome == WebhookReservationOutcome.Completed ? "duplicate" : "in_flight");
            return new(request.Key, outcome, null, null);
        }

        Metrics.Reservation(registration.Name, registration.Scheme.Name, "reserved");
        var reservation = Reservation(request, isConfirmed: true);
        Renewal.Watch(reservation);
        return new(request.Key, outcome, reservation, null);
    }

    private WebhookDeliveryReservation Reservation(Request request, bool isConfirmed) =>
        new(this, request.Key, request.Token, TimeToLive(request), request.Lease, request.ReservedAt, isConfirmed, request.Registration.Scheme.Name);

    /// <summary>
    /// How long a handled delivery is remembered: never less than until its signed timestamp leaves the window, since
    /// the identical bytes verify until then; exactly that when the identity is the signed content (they fail
    /// verification after that anyway), and at least the configured time to live for a signed id, which a sender's
    /// re-signed retry carries past the window.
    /// </summary>
    private static TimeSpan TimeToLive(Request request)
    {
        var registration = request.Registration;
        var configured = registration.TimeToLive;
        if (request.Signed is not { } signed)
        {
            return configured;
        }

        var remaining = signed + registration.Scheme.Tolerance - request.ReservedAt;
        if (remaining < TimeSpan.FromSeconds(1))
        {
            remaining = TimeSpan.FromSeconds(1);
        }

        return request.Key.Id.Source == WebhookDeliveryIdentitySource.SignedContent || remaining > configured ? remaining : configured;
    }

    /// <summary>One request to reserve a delivery: what the reservation is made of, whatever the store answers.</summary>
    private readonly record struct Request(
        ActiveWebhookRegistration Registration, WebhookDeliveryKey Key, string Token, TimeSpan Lease, DateTimeOffset ReservedAt, DateTimeOffset? Signed);
}
