using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>A project's attributes.</summary>
public sealed class SnykProjectAttributes
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykProjectAttributes()
    {
    }

    /// <summary>Business criticality, such as <c>high</c>.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Criticality { get; internal set; }

    /// <summary>Environments, such as <c>backend</c> or <c>frontend</c>.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Environment { get; internal set; }

    /// <summary>Lifecycle stages, such as <c>production</c> or <c>development</c>.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Lifecycle { get; internal set; }
}
