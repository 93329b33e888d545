using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// The <c>project_snapshot</c> event, sent after every test of a project (whether or not its issues changed): the
/// project, its organization and group, and the issues that appeared or went away since the last snapshot.
/// </summary>
public sealed class SnykProjectSnapshotEvent : SnykEvent
{
    /// <summary>Made by the parser from a delivery's body; its header is <c>project_snapshot/v0</c>.</summary>
    [JsonConstructor]
    internal SnykProjectSnapshotEvent()
        : base(new SnykEventHeader(SnykEventNames.ProjectSnapshot, "v0"))
    {
    }

    /// <summary>The project that was tested.</summary>
    [JsonInclude]
    public SnykProject? Project { get; internal set; }

    /// <summary>The organization the project belongs to.</summary>
    [JsonInclude]
    public SnykOrganization? Org { get; internal set; }

    /// <summary>The group of the organization; absent for organizations outside a group.</summary>
    [JsonInclude]
    public SnykGroup? Group { get; internal set; }

    /// <summary>Issues found by this test that the previous one did not report.</summary>
    [JsonInclude]
    public IReadOnlyList<SnykIssue>? NewIssues { get; internal set; }

    /// <summary>Issues the previous test reported that this one did not.</summary>
    [JsonInclude]
    public IReadOnlyList<SnykIssue>? RemovedIssues { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
