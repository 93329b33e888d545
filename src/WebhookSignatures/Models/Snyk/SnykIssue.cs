using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>An issue in <see cref="SnykProjectSnapshotEvent.NewIssues"/> or <see cref="SnykProjectSnapshotEvent.RemovedIssues"/>.</summary>
public sealed class SnykIssue
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykIssue()
    {
    }

    /// <summary>The issue id, such as <c>npm:ms:20170412</c>.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The kind of issue: <c>vuln</c> or <c>license</c>.</summary>
    [JsonInclude]
    public string? IssueType { get; internal set; }

    /// <summary>The affected package.</summary>
    [JsonInclude]
    public string? PkgName { get; internal set; }

    /// <summary>The affected package versions in the project.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? PkgVersions { get; internal set; }

    /// <summary>The vulnerability's details.</summary>
    [JsonInclude]
    public SnykIssueData? IssueData { get; internal set; }

    /// <summary>Whether a patch has been applied.</summary>
    [JsonInclude]
    public bool? IsPatched { get; internal set; }

    /// <summary>Whether the issue is ignored.</summary>
    [JsonInclude]
    public bool? IsIgnored { get; internal set; }

    /// <summary>How the issue can be fixed.</summary>
    [JsonInclude]
    public SnykFixInfo? FixInfo { get; internal set; }

    /// <summary>Snyk's priority score and its reasons.</summary>
    [JsonInclude]
    public SnykPriority? Priority { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
