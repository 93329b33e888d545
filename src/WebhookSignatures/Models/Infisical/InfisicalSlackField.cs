using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>One title and value in a Slack attachment.</summary>
public sealed class InfisicalSlackField
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalSlackField()
    {
    }

    /// <summary>The label, such as <c>Project</c>.</summary>
    [JsonInclude]
    public string? Title { get; internal set; }

    /// <summary>The value.</summary>
    [JsonInclude]
    public string? Value { get; internal set; }

    /// <summary>Whether Slack may show the field beside another.</summary>
    [JsonPropertyName("short")]
    [JsonInclude]
    public bool? IsShort { get; internal set; }
}
