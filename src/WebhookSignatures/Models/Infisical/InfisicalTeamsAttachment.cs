namespace WebhookSignatures.Models.Infisical;

/// <summary>A Teams message attachment.</summary>
public sealed class InfisicalTeamsAttachment
{
    /// <summary>The adaptive card content type.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The content type; <see cref="AdaptiveCardContentType"/> for Infisical's cards.</summary>
    public string? ContentType { get; set; }

    /// <summary>A link to the content; Infisical sends <see langword="null"/> or leaves it out.</summary>
    public string? ContentUrl { get; set; }

    /// <summary>The adaptive card.</summary>
    public InfisicalAdaptiveCard? Content { get; set; }
}
