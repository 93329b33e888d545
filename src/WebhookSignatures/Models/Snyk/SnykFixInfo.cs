using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>How an issue can be fixed.</summary>
public sealed class SnykFixInfo
{
    /// <summary>Whether upgrading a direct dependency fixes it.</summary>
    public bool? IsUpgradable { get; set; }

    /// <summary>Whether pinning a transitive dependency fixes it.</summary>
    public bool? IsPinnable { get; set; }

    /// <summary>Whether a Snyk patch fixes it.</summary>
    public bool? IsPatchable { get; set; }

    /// <summary>Whether any fix exists.</summary>
    public bool? IsFixable { get; set; }

    /// <summary>The nearest version without the issue.</summary>
    public string? NearestFixedInVersion { get; set; }

    /// <summary>Members this model does not know (such as upgrade paths), kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
