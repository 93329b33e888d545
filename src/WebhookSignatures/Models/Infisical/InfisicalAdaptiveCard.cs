using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The adaptive card Infisical sends to Teams: a text block with the headline, then a fact set.</summary>
public sealed class InfisicalAdaptiveCard
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalAdaptiveCard()
    {
    }

    /// <summary>The card type, <c>AdaptiveCard</c>.</summary>
    [JsonInclude]
    public string? Type { get; internal set; }

    /// <summary>The adaptive card schema version, such as <c>1.2</c>.</summary>
    [JsonInclude]
    public string? Version { get; internal set; }

    /// <summary>The card's elements.</summary>
    [JsonInclude]
    public IReadOnlyList<InfisicalAdaptiveCardElement>? Body { get; internal set; }
}
