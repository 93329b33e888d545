namespace WebhookSignatures.Models.Snyk;

/// <summary>Snyk's priority for an issue: a score and the factors behind it.</summary>
public sealed class SnykPriority
{
    /// <summary>The priority score, 0 to 1000.</summary>
    public int? Score { get; set; }

    /// <summary>The factors that made the score.</summary>
    public IReadOnlyList<SnykPriorityFactor>? Factors { get; set; }
}
