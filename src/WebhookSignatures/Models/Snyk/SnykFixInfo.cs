using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>How an issue can be fixed.</summary>
public sealed class SnykFixInfo
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykFixInfo()
    {
    }

    /// <summary>Whether upgrading a direct dependency fixes it.</summary>
    [JsonInclude]
    public bool? IsUpgradable { get; internal set; }

    /// <summary>Whether pinning a transitive dependency fixes it.</summary>
    [JsonInclude]
    public bool? IsPinnable { get; internal set; }

    /// <summary>Whether a Snyk patch fixes it.</summary>
    [JsonInclude]
    public bool? IsPatchable { get; internal set; }

    /// <summary>Whether any fix exists.</summary>
    [JsonInclude]
    public bool? IsFixable { get; internal set; }

    /// <summary>The nearest version without the issue.</summary>
    [JsonInclude]
    public string? NearestFixedInVersion { get; internal set; }

    /// <summary>Members this model does not know (such as upgrade paths), kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
