using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>One element of an adaptive card: a <c>TextBlock</c> (<see cref="Text"/>) or a <c>FactSet</c> (<see cref="Facts"/>).</summary>
public sealed class InfisicalAdaptiveCardElement
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalAdaptiveCardElement()
    {
    }

    /// <summary>The element type, such as <c>TextBlock</c> or <c>FactSet</c>.</summary>
    [JsonInclude]
    public string? Type { get; internal set; }

    /// <summary>A text block's size, such as <c>Medium</c>.</summary>
    [JsonInclude]
    public string? Size { get; internal set; }

    /// <summary>A text block's weight, such as <c>Bolder</c>.</summary>
    [JsonInclude]
    public string? Weight { get; internal set; }

    /// <summary>A text block's text.</summary>
    [JsonInclude]
    public string? Text { get; internal set; }

    /// <summary>A fact set's facts.</summary>
    [JsonInclude]
    public IReadOnlyList<InfisicalAdaptiveCardFact>? Facts { get; internal set; }

    /// <summary>Members of other element types, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
