using System.Text.Json.Serialization;
using System.Text.Json;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// A project's remediation advice. Each part is a JSON object keyed by package, whose shape varies by package manager,
/// so it is kept as raw JSON.
/// </summary>
public sealed class SnykRemediation
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykRemediation()
    {
    }

    /// <summary>Upgrades that fix issues.</summary>
    [JsonInclude]
    public JsonElement? Upgrade { get; internal set; }

    /// <summary>Patches that fix issues.</summary>
    [JsonInclude]
    public JsonElement? Patch { get; internal set; }

    /// <summary>Pins of transitive dependencies that fix issues.</summary>
    [JsonInclude]
    public JsonElement? Pin { get; internal set; }
}
