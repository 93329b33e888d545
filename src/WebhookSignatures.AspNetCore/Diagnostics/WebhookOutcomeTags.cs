namespace WebhookSignatures.AspNetCore;

/// <summary>The <c>webhook.outcome</c> tag values: <see cref="Accepted"/> when the handler ran, else the outcome's name in snake case.</summary>
internal static class WebhookOutcomeTags
{
    /// <summary>The delivery verified and its handler ran.</summary>
    public const string Accepted = "accepted";

    public static string ToTag(this WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Unverified => "unverified",
        WebhookOutcome.BodyTooLarge => "body_too_large",
        WebhookOutcome.BodyReadTimedOut => "body_read_timed_out",
        WebhookOutcome.BodyIncomplete => "body_incomplete",
        WebhookOutcome.Duplicate => "duplicate",
        WebhookOutcome.InFlight => "in_flight",
        WebhookOutcome.StoreUnavailable => "store_unavailable",
        WebhookOutcome.InvalidOptions => "invalid_options",
        WebhookOutcome.Misconfigured => "misconfigured",
        WebhookOutcome.Handshake => "handshake",
        _ => "unknown",
    };
}
