using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>ping</c> event, sent when a webhook is created or pinged through the API.</summary>
public sealed class SnykPingEvent : SnykEvent
{
    /// <summary>Made by the parser from a delivery's body; its header is <c>ping/v0</c>.</summary>
    [JsonConstructor]
    internal SnykPingEvent()
        : base(new SnykEventHeader(SnykEventNames.Ping, "v0"))
    {
    }

    /// <summary>The id of the webhook being pinged.</summary>
    [JsonInclude]
    public string? WebhookId { get; internal set; }
}
