using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>An issue in <see cref="SnykProjectSnapshotEvent.NewIssues"/> or <see cref="SnykProjectSnapshotEvent.RemovedIssues"/>.</summary>
public sealed class SnykIssue
{
    /// <summary>The issue id, such as <c>npm:ms:20170412</c>.</summary>
    public string? Id { get; set; }

    /// <summary>The kind of issue: <c>vuln</c> or <c>license</c>.</summary>
    public string? IssueType { get; set; }

    /// <summary>The affected package.</summary>
    public string? PkgName { get; set; }

    /// <summary>The affected package versions in the project.</summary>
    public IReadOnlyList<string>? PkgVersions { get; set; }

    /// <summary>The vulnerability's details.</summary>
    public SnykIssueData? IssueData { get; set; }

    /// <summary>Whether a patch has been applied.</summary>
    public bool? IsPatched { get; set; }

    /// <summary>Whether the issue is ignored.</summary>
    public bool? IsIgnored { get; set; }

    /// <summary>How the issue can be fixed.</summary>
    public SnykFixInfo? FixInfo { get; set; }

    /// <summary>Snyk's priority score and its reasons.</summary>
    public SnykPriority? Priority { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
