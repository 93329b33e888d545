namespace WebhookSignatures.Models.Snyk;

/// <summary>One factor of a priority score.</summary>
public sealed class SnykPriorityFactor
{
    /// <summary>The factor's name, such as <c>isFixable</c>.</summary>
    public string? Name { get; set; }

    /// <summary>A readable description, such as <c>Has a fix available</c>.</summary>
    public string? Description { get; set; }
}
