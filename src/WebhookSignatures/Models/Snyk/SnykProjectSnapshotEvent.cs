using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// The <c>project_snapshot</c> event, sent after every test of a project (whether or not its issues changed): the
/// project, its organization and group, and the issues that appeared or went away since the last snapshot.
/// </summary>
public sealed class SnykProjectSnapshotEvent : SnykEvent
{
    /// <summary>Creates the event, for senders; its header is <c>project_snapshot/v0</c>.</summary>
    public SnykProjectSnapshotEvent()
        : base(new SnykEventHeader(SnykEventNames.ProjectSnapshot, "v0"))
    {
    }

    /// <summary>The project that was tested.</summary>
    public SnykProject? Project { get; set; }

    /// <summary>The organization the project belongs to.</summary>
    public SnykOrganization? Org { get; set; }

    /// <summary>The group of the organization; absent for organizations outside a group.</summary>
    public SnykGroup? Group { get; set; }

    /// <summary>Issues found by this test that the previous one did not report.</summary>
    public IReadOnlyList<SnykIssue>? NewIssues { get; set; }

    /// <summary>Issues the previous test reported that this one did not.</summary>
    public IReadOnlyList<SnykIssue>? RemovedIssues { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
