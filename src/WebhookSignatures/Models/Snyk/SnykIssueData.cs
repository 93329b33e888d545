using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>issueData</c> object: the vulnerability itself.</summary>
public sealed class SnykIssueData
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykIssueData()
    {
    }

    /// <summary>The vulnerability id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The title, such as <c>Regular Expression Denial of Service (ReDoS)</c>.</summary>
    [JsonInclude]
    public string? Title { get; internal set; }

    /// <summary>The severity: <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    [JsonInclude]
    public string? Severity { get; internal set; }

    /// <summary>The vulnerability's page.</summary>
    [JsonInclude]
    public string? Url { get; internal set; }

    /// <summary>The description (Markdown).</summary>
    [JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>CVE, CWE and other identifiers.</summary>
    [JsonInclude]
    public SnykIdentifiers? Identifiers { get; internal set; }

    /// <summary>Who found or reported it.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Credit { get; internal set; }

    /// <summary>How mature known exploits are, such as <c>no-known-exploit</c>.</summary>
    [JsonInclude]
    public string? ExploitMaturity { get; internal set; }

    /// <summary>The vulnerable version ranges.</summary>
    [JsonInclude]
    public SnykSemver? Semver { get; internal set; }

    /// <summary>When the vulnerability was published.</summary>
    [JsonInclude]
    public DateTimeOffset? PublicationTime { get; internal set; }

    /// <summary>When the vulnerability was disclosed.</summary>
    [JsonInclude]
    public DateTimeOffset? DisclosureTime { get; internal set; }

    /// <summary>The CVSS v3 vector, such as <c>CVSS:3.0/AV:N/AC:H/...</c>.</summary>
    [JsonPropertyName("CVSSv3")]
    [JsonInclude]
    public string? CvssV3 { get; internal set; }

    /// <summary>The CVSS score, 0 to 10.</summary>
    [JsonInclude]
    public double? CvssScore { get; internal set; }

    /// <summary>The ecosystem's language, such as <c>js</c>.</summary>
    [JsonInclude]
    public string? Language { get; internal set; }

    /// <summary>Patches that fix the vulnerability.</summary>
    [JsonInclude]
    public IReadOnlyList<SnykPatch>? Patches { get; internal set; }

    /// <summary>The nearest version without the vulnerability.</summary>
    [JsonInclude]
    public string? NearestFixedInVersion { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
