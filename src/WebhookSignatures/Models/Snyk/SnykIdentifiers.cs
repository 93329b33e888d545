using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>A vulnerability's identifiers in other catalogues.</summary>
public sealed class SnykIdentifiers
{
    /// <summary>CVE ids, such as <c>CVE-2017-20162</c>.</summary>
    [JsonPropertyName("CVE")]
    public IReadOnlyList<string>? Cve { get; set; }

    /// <summary>CWE ids, such as <c>CWE-400</c>.</summary>
    [JsonPropertyName("CWE")]
    public IReadOnlyList<string>? Cwe { get; set; }

    /// <summary>Other ids, such as Snyk's own <c>SNYK-JS-MS-10509</c>.</summary>
    [JsonPropertyName("ALTERNATIVE")]
    public IReadOnlyList<string>? Alternative { get; set; }

    /// <summary>Other catalogues (such as <c>GHSA</c>), kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
