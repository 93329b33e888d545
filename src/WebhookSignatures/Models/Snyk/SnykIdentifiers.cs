using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>A vulnerability's identifiers in other catalogues.</summary>
public sealed class SnykIdentifiers
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykIdentifiers()
    {
    }

    /// <summary>CVE ids, such as <c>CVE-2017-20162</c>.</summary>
    [JsonPropertyName("CVE")]
    [JsonInclude]
    public IReadOnlyList<string>? Cve { get; internal set; }

    /// <summary>CWE ids, such as <c>CWE-400</c>.</summary>
    [JsonPropertyName("CWE")]
    [JsonInclude]
    public IReadOnlyList<string>? Cwe { get; internal set; }

    /// <summary>Other ids, such as Snyk's own <c>SNYK-JS-MS-10509</c>.</summary>
    [JsonPropertyName("ALTERNATIVE")]
    [JsonInclude]
    public IReadOnlyList<string>? Alternative { get; internal set; }

    /// <summary>Other catalogues (such as <c>GHSA</c>), kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
