using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>issueData</c> object: the vulnerability itself.</summary>
public sealed class SnykIssueData
{
    /// <summary>The vulnerability id.</summary>
    public string? Id { get; set; }

    /// <summary>The title, such as <c>Regular Expression Denial of Service (ReDoS)</c>.</summary>
    public string? Title { get; set; }

    /// <summary>The severity: <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public string? Severity { get; set; }

    /// <summary>The vulnerability's page.</summary>
    public string? Url { get; set; }

    /// <summary>The description (Markdown).</summary>
    public string? Description { get; set; }

    /// <summary>CVE, CWE and other identifiers.</summary>
    public SnykIdentifiers? Identifiers { get; set; }

    /// <summary>Who found or reported it.</summary>
    public IReadOnlyList<string>? Credit { get; set; }

    /// <summary>How mature known exploits are, such as <c>no-known-exploit</c>.</summary>
    public string? ExploitMaturity { get; set; }

    /// <summary>The vulnerable version ranges.</summary>
    public SnykSemver? Semver { get; set; }

    /// <summary>When the vulnerability was published.</summary>
    public DateTimeOffset? PublicationTime { get; set; }

    /// <summary>When the vulnerability was disclosed.</summary>
    public DateTimeOffset? DisclosureTime { get; set; }

    /// <summary>The CVSS v3 vector, such as <c>CVSS:3.0/AV:N/AC:H/...</c>.</summary>
    [JsonPropertyName("CVSSv3")]
    public string? CvssV3 { get; set; }

    /// <summary>The CVSS score, 0 to 10.</summary>
    public double? CvssScore { get; set; }

    /// <summary>The ecosystem's language, such as <c>js</c>.</summary>
    public string? Language { get; set; }

    /// <summary>Patches that fix the vulnerability.</summary>
    public IReadOnlyList<SnykPatch>? Patches { get; set; }

    /// <summary>The nearest version without the vulnerability.</summary>
    public string? NearestFixedInVersion { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
