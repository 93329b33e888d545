using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>One title and value in a Slack attachment.</summary>
public sealed class InfisicalSlackField
{
    /// <summary>The label, such as <c>Project</c>.</summary>
    public string? Title { get; set; }

    /// <summary>The value.</summary>
    public string? Value { get; set; }

    /// <summary>Whether Slack may show the field beside another.</summary>
    [JsonPropertyName("short")]
    public bool? IsShort { get; set; }
}
