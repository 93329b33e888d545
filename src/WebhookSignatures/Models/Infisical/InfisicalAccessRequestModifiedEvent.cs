using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>An access request changed state (<c>secrets.access-request.modified</c>).</summary>
public sealed class InfisicalAccessRequestModifiedEvent : InfisicalEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalAccessRequestModifiedEvent()
        : base(InfisicalEventNames.AccessRequestModified)
    {
    }

    /// <summary>What happened, such as <c>created</c> or <c>reviewed</c>.</summary>
    [JsonInclude]
    public string? Action { get; internal set; }

    /// <summary>The project (only its id and name in this event).</summary>
    [JsonInclude]
    public InfisicalProjectReference? Project { get; internal set; }

    /// <summary>The access request.</summary>
    [JsonInclude]
    public InfisicalAccessRequest? Request { get; internal set; }
}
