namespace WebhookSignatures.Models.Snyk;

/// <summary>A project's attributes.</summary>
public sealed class SnykProjectAttributes
{
    /// <summary>Business criticality, such as <c>high</c>.</summary>
    public IReadOnlyList<string>? Criticality { get; set; }

    /// <summary>Environments, such as <c>backend</c> or <c>frontend</c>.</summary>
    public IReadOnlyList<string>? Environment { get; set; }

    /// <summary>Lifecycle stages, such as <c>production</c> or <c>development</c>.</summary>
    public IReadOnlyList<string>? Lifecycle { get; set; }
}
