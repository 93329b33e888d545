namespace WebhookSignatures.AspNetCore;

/// <summary>Why the verifier answered a request itself instead of running its handler. The member names are stable.</summary>
public enum WebhookRefusalReason
{
    /// <summary>The signature did not verify; <see cref="IWebhookRefusalFeature.FailureReason"/> says why.</summary>
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
}
