namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Exactly-once handling on top of senders' at-least-once retries. A verified delivery is reserved in the delivery
/// store before its handler runs, completed when the handler answers 2xx and released when it fails, so a retry
/// runs the handler again and a duplicate of a handled delivery is acknowledged without running it. Deliveries are
/// recognised by signed material only (<see cref="WebhookVerificationResult.Identity"/>), never by unsigned headers.
/// </summary>
public sealed class WebhookExactlyOnceOptions
{
    /// <summary>The default <see cref="TimeToLive"/>: one day.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(1);

    /// <summary>The default <see cref="LeaseDuration"/>: two minutes.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromMinutes(2);

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
    /// shorter than the window never lets a captured delivery be replayed. Default one day; Stripe retries for up to
    /// three days.
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = DefaultTimeToLive;

    /// <summary>
    /// How long a reservation holds while its handler runs. A reservation that is neither completed nor released (the
    /// instance died) frees itself after this. Keep it well above the slowest handler. Default two minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

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
