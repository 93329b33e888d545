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
}

/// <summary>Stable tag values for <see cref="WebhookOutcome"/>.</summary>
internal static class WebhookOutcomeTags
{
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
        _ => "unavailable",
    };
}
