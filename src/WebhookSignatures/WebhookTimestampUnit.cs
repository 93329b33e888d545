namespace WebhookSignatures;

/// <summary>The unit in which a sender writes its signed Unix timestamp.</summary>
public enum WebhookTimestampUnit
{
    /// <summary>Whole seconds since 1970-01-01 UTC (Stripe, Standard Webhooks).</summary>
    Seconds = 0,

    /// <summary>Milliseconds since 1970-01-01 UTC (Infisical project and alert webhooks).</summary>
    Milliseconds = 1,
}
