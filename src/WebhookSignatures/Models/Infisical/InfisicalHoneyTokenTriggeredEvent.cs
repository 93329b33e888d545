using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>Someone used a honey token (<c>honey-token.triggered</c>): a decoy credential that should never be used.</summary>
public sealed class InfisicalHoneyTokenTriggeredEvent : InfisicalProjectEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalHoneyTokenTriggeredEvent()
        : base(InfisicalEventNames.HoneyTokenTriggered)
    {
    }

    /// <summary>Which token was used, and from where.</summary>
    [JsonInclude]
    public InfisicalHoneyToken? HoneyToken { get; internal set; }
}
