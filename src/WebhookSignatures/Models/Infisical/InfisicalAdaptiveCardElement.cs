using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>One element of an adaptive card: a <c>TextBlock</c> (<see cref="Text"/>) or a <c>FactSet</c> (<see cref="Facts"/>).</summary>
public sealed class InfisicalAdaptiveCardElement
{
    /// <summary>The element type, such as <c>TextBlock</c> or <c>FactSet</c>.</summary>
    public string? Type { get; set; }

    /// <summary>A text block's size, such as <c>Medium</c>.</summary>
    public string? Size { get; set; }

    /// <summary>A text block's weight, such as <c>Bolder</c>.</summary>
    public string? Weight { get; set; }

    /// <summary>A text block's text.</summary>
    public string? Text { get; set; }

    /// <summary>A fact set's facts.</summary>
    public IReadOnlyList<InfisicalAdaptiveCardFact>? Facts { get; set; }

    /// <summary>Members of other element types, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
