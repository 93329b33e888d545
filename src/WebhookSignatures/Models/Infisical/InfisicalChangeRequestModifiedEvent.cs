using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret change request changed state (<c>secrets.change-request.modified</c>).</summary>
public sealed class InfisicalChangeRequestModifiedEvent : InfisicalEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalChangeRequestModifiedEvent()
        : base(InfisicalEventNames.ChangeRequestModified)
    {
    }

    /// <summary>What happened: <c>created</c>, <c>reviewed</c>, <c>closed</c>, <c>reopened</c> or <c>merged</c>.</summary>
    [JsonInclude]
    public string? Action { get; internal set; }

    /// <summary>The project (only its id and name in this event).</summary>
    [JsonInclude]
    public InfisicalProjectReference? Project { get; internal set; }

    /// <summary>The change request.</summary>
    [JsonInclude]
    public InfisicalChangeRequest? Request { get; internal set; }
}
