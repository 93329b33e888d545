using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>One title and value in an adaptive card fact set.</summary>
public sealed class InfisicalAdaptiveCardFact
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalAdaptiveCardFact()
    {
    }

    /// <summary>The label, such as <c>Project</c>.</summary>
    [JsonInclude]
    public string? Title { get; internal set; }

    /// <summary>The value.</summary>
    [JsonInclude]
    public string? Value { get; internal set; }
}
