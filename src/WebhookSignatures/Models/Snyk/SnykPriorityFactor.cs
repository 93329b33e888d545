using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>One factor of a priority score.</summary>
public sealed class SnykPriorityFactor
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykPriorityFactor()
    {
    }

    /// <summary>The factor's name, such as <c>isFixable</c>.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>A readable description, such as <c>Has a fix available</c>.</summary>
    [JsonInclude]
    public string? Description { get; internal set; }
}
