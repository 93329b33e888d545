namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>ping</c> event, sent when a webhook is created or pinged through the API.</summary>
public sealed class SnykPingEvent : SnykEvent
{
    /// <summary>Creates the event, for senders; its header is <c>ping/v0</c>.</summary>
    public SnykPingEvent()
        : base(new SnykEventHeader(SnykEventNames.Ping, "v0"))
    {
    }

    /// <summary>The id of the webhook being pinged.</summary>
    public string? WebhookId { get; set; }
}
