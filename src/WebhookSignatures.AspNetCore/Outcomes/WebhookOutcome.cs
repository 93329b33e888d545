namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Why the pipeline answered a delivery itself instead of running its handler: a refusal, an acknowledged duplicate or
/// an answered handshake. The member names are stable; they are also the <c>webhook.outcome</c> tag of the metrics, in
/// snake case.
/// </summary>
public enum WebhookOutcome
{
    /// <summary>The signature did not verify; <see cref="WebhookOutcomeContext.FailureReason"/> says why.</summary>
    Unverified = 1,

    /// <summary>The body is larger than the registration's <c>MaxBodySize</c>.</summary>
    BodyTooLarge,

    /// <summary>The body did not arrive within the registration's <c>BodyReadTimeout</c>.</summary>
    BodyReadTimedOut,

    /// <summary>The body could not be read in full: broken framing, a server limit, or a sender that went away.</summary>
    BodyIncomplete,

    /// <summary>A duplicate of a delivery already handled: acknowledged without running the handler.</summary>
    Duplicate,

    /// <summary>A duplicate that arrived while the delivery was being handled: told to retry later.</summary>
    InFlight,

    /// <summary>The delivery store could not be reached (or is full), so exactly-once handling could not be promised.</summary>
    StoreUnavailable,

    /// <summary>The registration's options are invalid (after a configuration reload).</summary>
    InvalidOptions,

    /// <summary>The endpoint's signature requirements cannot all be met (they name several registrations).</summary>
    Misconfigured,

    /// <summary>A verified handshake (Slack's <c>url_verification</c>, Zoom's, Twitch's): answered as its sender expects.</summary>
    Handshake,
}
