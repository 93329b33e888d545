using System.Text.Json;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// A project's remediation advice. Each part is a JSON object keyed by package, whose shape varies by package manager,
/// so it is kept as raw JSON.
/// </summary>
public sealed class SnykRemediation
{
    /// <summary>Upgrades that fix issues.</summary>
    public JsonElement? Upgrade { get; set; }

    /// <summary>Patches that fix issues.</summary>
    public JsonElement? Patch { get; set; }

    /// <summary>Pins of transitive dependencies that fix issues.</summary>
    public JsonElement? Pin { get; set; }
}
