namespace WebhookSignatures.AspNetCore;

/// <summary>What happened to a delivery, as tagged on metrics.</summary>
internal enum WebhookOutcome
{
    Accepted,
    Rejected,
    BodyTooLarge,
    Duplicate,
    InFlight,
    Unavailable,
    BodyReadTimedOut,
    BodyIncomplete,
    Misconfigured,
    Handshake,
}

/// <summary>Stable tag values for <see cref="WebhookOutcome"/>.</summary>
internal static class WebhookOutcomeTags
{
    /// <summary>The outcome a refusal is counted as; invalid options count as rejections, as they always have.</summary>
    public static WebhookOutcome ToOutcome(WebhookRefusalReason refusal) => refusal switch
    {
        WebhookRefusalReason.Unverified or WebhookRefusalReason.InvalidOptions => WebhookOutcome.Rejected,
        WebhookRefusalReason.BodyTooLarge => WebhookOutcome.BodyTooLarge,
        WebhookRefusalReason.BodyReadTimedOut => WebhookOutcome.BodyReadTimedOut,
        WebhookRefusalReason.BodyIncomplete => WebhookOutcome.BodyIncomplete,
        WebhookRefusalReason.Duplicate => WebhookOutcome.Duplicate,
        WebhookRefusalReason.InFlight => WebhookOutcome.InFlight,
        WebhookRefusalReason.Misconfigured => WebhookOutcome.Misconfigured,
        _ => WebhookOutcome.Unavailable,
    };

    public static string ToTag(this WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Accepted => "accepted",
        WebhookOutcome.Rejected => "rejected",
        WebhookOutcome.BodyTooLarge => "body_too_large",
        WebhookOutcome.Duplicate => "duplicate",
        WebhookOutcome.InFlight => "in_flight",
        WebhookOutcome.Misconfigured => "misconfigured",
        WebhookOutcome.BodyReadTimedOut => "body_read_timed_out",
        WebhookOutcome.BodyIncomplete => "body_incomplete",
        WebhookOutcome.Handshake => "handshake",
        _ => "unavailable",
    };
}
