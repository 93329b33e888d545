using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>Snyk's priority for an issue: a score and the factors behind it.</summary>
public sealed class SnykPriority
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykPriority()
    {
    }

    /// <summary>The priority score, 0 to 1000.</summary>
    [JsonInclude]
    public int? Score { get; internal set; }

    /// <summary>The factors that made the score.</summary>
    [JsonInclude]
    public IReadOnlyList<SnykPriorityFactor>? Factors { get; internal set; }
}
