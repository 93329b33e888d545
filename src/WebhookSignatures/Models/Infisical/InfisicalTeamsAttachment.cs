using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>A Teams message attachment.</summary>
public sealed class InfisicalTeamsAttachment
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalTeamsAttachment()
    {
    }

    /// <summary>The adaptive card content type.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The content type; <see cref="AdaptiveCardContentType"/> for Infisical's cards.</summary>
    [JsonInclude]
    public string? ContentType { get; internal set; }

    /// <summary>A link to the content; Infisical sends <see langword="null"/> or leaves it out.</summary>
    [JsonInclude]
    public string? ContentUrl { get; internal set; }

    /// <summary>The adaptive card.</summary>
    [JsonInclude]
    public InfisicalAdaptiveCard? Content { get; internal set; }
}
