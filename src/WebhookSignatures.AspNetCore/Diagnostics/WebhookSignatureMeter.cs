namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The names to listen for: the meter, its instruments and the activity source. Every instrument is tagged
/// <c>webhook.registration</c> and <c>webhook.scheme</c> (never a secret, a signature or a delivery's id), plus what each
/// one names below. Collect them with OpenTelemetry's <c>AddMeter(WebhookSignatureMeter.Name)</c> and
/// <c>AddSource(WebhookSignatureMeter.ActivitySourceName)</c>, or <c>dotnet-counters monitor --counters WebhookSignatures.AspNetCore</c>.
/// </summary>
public static class WebhookSignatureMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "WebhookSignatures.AspNetCore";

    /// <summary>
    /// The activity source's name (the meter's): a span <c>admit &lt;registration&gt;</c> per delivery (reading,
    /// verifying and reserving it), and a client span per delivery store call: <c>reserve</c>, <c>complete</c>,
    /// <c>renew</c> or <c>release</c>, followed by the registration.
    /// </summary>
    public const string ActivitySourceName = Name;

    /// <summary>The counter of verifications, also tagged <c>webhook.outcome</c> and <c>webhook.failure_reason</c>.</summary>
    public const string VerificationsInstrument = "webhooksig.verifications";

    /// <summary>The histogram of verification durations, in seconds, tagged as <see cref="VerificationsInstrument"/>.</summary>
    public const string DurationInstrument = "webhooksig.verification.duration";

    /// <summary>
    /// The counter of what the delivery store answered when asked to reserve a delivery, tagged
    /// <c>webhook.reservation</c>: <c>reserved</c> (the handler runs), <c>duplicate</c> (handled already),
    /// <c>in_flight</c> (being handled) or <c>store_unavailable</c>.
    /// </summary>
    public const string ReservationsInstrument = "webhooksig.exactly_once.reservations";

    /// <summary>
    /// The counter of reservations settled in the store, tagged <c>webhook.settlement</c>: <c>completed</c> (the handler
    /// answered 2xx) or <c>released</c> (it did not; the sender's retry runs it again).
    /// </summary>
    public const string SettlementsInstrument = "webhooksig.exactly_once.settlements";

    /// <summary>The counter of leases renewed while a handler ran.</summary>
    public const string LeaseRenewalsInstrument = "webhooksig.exactly_once.lease.renewals";

    /// <summary>
    /// The counter of reservations lost while their handler ran, tagged <c>webhook.lease_lost_reason</c>:
    /// <c>not_held</c> (another attempt holds the delivery, or nothing does), <c>unanswered</c> (the store did not
    /// answer a renewal within the lease) or <c>expired</c> (the lease of a store that does not renew ran out).
    /// </summary>
    public const string LeasesLostInstrument = "webhooksig.exactly_once.lease.lost";

    /// <summary>The counter of completions that the store did not replicate within the wait configured for it.</summary>
    public const string CompletionsNotReplicatedInstrument = "webhooksig.exactly_once.completions.not_replicated";

    /// <summary>
    /// The histogram of delivery store calls' durations, in seconds, tagged <c>webhook.store.operation</c>
    /// (<c>reserve</c>, <c>complete</c>, <c>renew</c>, <c>release</c>) and, when the call threw, <c>error.type</c>.
    /// </summary>
    public const string StoreOperationDurationInstrument = "webhooksig.delivery_store.operation.duration";
}
