namespace WebhookSignatures.Models.Infisical;

/// <summary>One title and value in an adaptive card fact set.</summary>
public sealed class InfisicalAdaptiveCardFact
{
    /// <summary>The label, such as <c>Project</c>.</summary>
    public string? Title { get; set; }

    /// <summary>The value.</summary>
    public string? Value { get; set; }
}
