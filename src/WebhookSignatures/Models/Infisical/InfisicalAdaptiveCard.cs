namespace WebhookSignatures.Models.Infisical;

/// <summary>The adaptive card Infisical sends to Teams: a text block with the headline, then a fact set.</summary>
public sealed class InfisicalAdaptiveCard
{
    /// <summary>The card type, <c>AdaptiveCard</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The adaptive card schema version, such as <c>1.2</c>.</summary>
    public string? Version { get; set; }

    /// <summary>The card's elements.</summary>
    public IReadOnlyList<InfisicalAdaptiveCardElement>? Body { get; set; }
}
