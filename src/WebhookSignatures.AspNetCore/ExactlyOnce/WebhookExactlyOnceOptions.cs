namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Exactly-once handling on top of senders' at-least-once retries. A verified delivery is reserved in the delivery
/// store before its handler runs, completed when the handler answers 2xx and released when it fails, so a retry
/// runs the handler again and a duplicate of a handled delivery is acknowledged without running it. Deliveries are
/// recognised by signed material only (<see cref="WebhookVerificationResult.Identity"/>), never by unsigned headers.
/// </summary>
public sealed class WebhookExactlyOnceOptions
{
    /// <summary>The <see cref="TimeToLive"/> of a sender whose scheme documents no longer retry or redelivery window: one day.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(1);

    /// <summary>
    /// The default <see cref="LeaseDuration"/> with a delivery store that renews leases
    /// (<see cref="IWebhookDeliveryStore.CanRenew"/>, as the in-memory and Redis stores do): thirty seconds.
    /// </summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="LeaseDuration"/> with a delivery store that does not renew leases: two minutes.</summary>
    public static readonly TimeSpan DefaultLeaseDurationWithoutRenewal = TimeSpan.FromMinutes(2);

    /// <summary>The default <see cref="InFlightRetryAfter"/>: ten seconds.</summary>
    public static readonly TimeSpan DefaultInFlightRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>Whether deliveries are handled exactly once. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a handled delivery is remembered when its identity outlives its signature: for schemes that sign no
    /// timestamp (Snyk, GitHub) and for senders that re-sign a retry under the same signed id (Standard Webhooks,
    /// Stripe). A delivery identified by its signed content and a signed timestamp is remembered until that timestamp
    /// leaves the tolerance window, after which it fails verification anyway; one identified by a signed id is
    /// remembered for this long or until its signed timestamp leaves the window, whichever is later, so a time to live
    /// shorter than the window never lets a captured delivery be replayed. Default <see langword="null"/>: the sender's
    /// own window from its scheme's row (<see cref="WebhookSchemeDescriptor.DefaultTimeToLive"/>: three days for GitHub's
    /// redeliveries and Stripe's retries, five for Standard Webhooks), one day (<see cref="DefaultTimeToLive"/>) for
    /// the others. A value set here wins.
    /// </summary>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>
    /// How long a reservation holds without being renewed. While a handler runs, a store that renews leases
    /// (<see cref="IWebhookDeliveryStore.CanRenew"/>) has its reservation extended every third of this, so a slow handler
    /// keeps its delivery however long it runs, and a reservation whose instance died frees itself within one lease.
    /// With a store that does not renew, the lease must be longer than the slowest handler. When the reservation is lost
    /// (renewal failed for a whole lease, or another attempt holds the delivery), the handler learns it through
    /// <see cref="IWebhookVerificationFeature.ReservationLost"/>. Default <see langword="null"/>: thirty seconds
    /// (<see cref="DefaultLeaseDuration"/>) with a store that renews, two minutes
    /// (<see cref="DefaultLeaseDurationWithoutRenewal"/>) otherwise.
    /// </summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>The status for a duplicate of a delivery already handled; the handler does not run. Default 200.</summary>
    public int DuplicateStatusCode { get; set; } = 200;

    /// <summary>The status for a duplicate that arrives while the delivery is being handled; the handler does not run. Default 409.</summary>
    public int InFlightStatusCode { get; set; } = 409;

    /// <summary>The <c>Retry-After</c> sent with <see cref="InFlightStatusCode"/>, in whole seconds. Default ten seconds.</summary>
    public TimeSpan InFlightRetryAfter { get; set; } = DefaultInFlightRetryAfter;

    /// <summary>
    /// Whether a delivery's handler runs when the delivery store cannot be reached, without exactly-once handling.
    /// Default <see langword="false"/>: such deliveries get <see cref="WebhookRegistrationOptions.StoreUnavailableStatusCode"/>.
    /// Either way it is logged.
    /// </summary>
    public bool AllowWhenStoreUnavailable { get; set; }
}
