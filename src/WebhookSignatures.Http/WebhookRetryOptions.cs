namespace WebhookSignatures.Http;

/// <summary>
/// How a client from <c>AddWebhookDelivery</c> retries a delivery: the schedule, and how far a receiver's
/// <c>Retry-After</c> may push an attempt back.
/// </summary>
/// <remarks>
/// <para>Which answers are retried: no answer (the connection failed, or the attempt outlasted
/// <c>WebhookSenderOptions.Timeout</c>), <c>408</c>, <c>409</c> (the receiver is still handling another attempt of
/// the same delivery), <c>425</c>, <c>429</c>, <c>500</c>, <c>502</c>, <c>503</c> and <c>504</c>. Every other answer
/// ends the delivery: 2xx delivered it, <c>410 Gone</c> says the endpoint is gone, and a 3xx (never followed) or
/// another 4xx is a failure that retrying would not change.</para>
/// <para>The schedule lives in the sending process. A restart loses every delivery still waiting for its next attempt,
/// and the attempt in flight (which the receiver may or may not have handled): keep deliveries in a durable store of
/// your own and send them again, with their delivery id, to survive one.</para>
/// </remarks>
public sealed class WebhookRetryOptions
{
    /// <summary>The default bound on a <c>Retry-After</c> wait: 5 minutes.</summary>
    public static readonly TimeSpan DefaultMaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>When the attempts are made; <see cref="WebhookRetrySchedule.Default"/> unless set.</summary>
    public WebhookRetrySchedule Schedule { get; set; } = WebhookRetrySchedule.Default;

    /// <summary>
    /// The longest wait a receiver's <c>Retry-After</c> can ask for. An answer that carries one waits the longer of it
    /// (cut to this bound) and the schedule's delay. Default <see cref="DefaultMaxRetryAfter"/>.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;
}
