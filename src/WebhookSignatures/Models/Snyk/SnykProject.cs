using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>project</c> object of a snapshot, as Snyk's Projects (v1) API describes a project.</summary>
public sealed class SnykProject
{
    /// <summary>The project name, such as <c>snyk/goof:package.json</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The project id.</summary>
    public string? Id { get; set; }

    /// <summary>When the project was created.</summary>
    public DateTimeOffset? Created { get; set; }

    /// <summary>Where the project was imported from, such as <c>github</c> or <c>cli</c>.</summary>
    public string? Origin { get; set; }

    /// <summary>The package manager or scan type, such as <c>npm</c> or <c>dockerfile</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Whether the project is read-only.</summary>
    public bool? ReadOnly { get; set; }

    /// <summary>How often Snyk tests the project, such as <c>daily</c>.</summary>
    public string? TestFrequency { get; set; }

    /// <summary>The number of dependencies.</summary>
    public int? TotalDependencies { get; set; }

    /// <summary>Open issues per severity.</summary>
    public SnykIssueCounts? IssueCountsBySeverity { get; set; }

    /// <summary>The container image id (container projects).</summary>
    public string? ImageId { get; set; }

    /// <summary>The container image tag.</summary>
    public string? ImageTag { get; set; }

    /// <summary>The image's base image.</summary>
    public string? ImageBaseImage { get; set; }

    /// <summary>The image's platform, such as <c>linux/amd64</c>.</summary>
    public string? ImagePlatform { get; set; }

    /// <summary>The Kubernetes cluster the image runs in, when monitored from one.</summary>
    public string? ImageCluster { get; set; }

    /// <summary>The repository URL.</summary>
    public string? RemoteRepoUrl { get; set; }

    /// <summary>When the project was last tested.</summary>
    public DateTimeOffset? LastTestedDate { get; set; }

    /// <summary>The project's page in Snyk.</summary>
    public string? BrowseUrl { get; set; }

    /// <summary>Who imported the project.</summary>
    public SnykUser? ImportingUser { get; set; }

    /// <summary>Whether the project is monitored.</summary>
    public bool? IsMonitored { get; set; }

    /// <summary>The repository branch, when known.</summary>
    public string? Branch { get; set; }

    /// <summary>The target reference (a branch or tag), when set.</summary>
    public string? TargetReference { get; set; }

    /// <summary>The project's tags.</summary>
    public IReadOnlyList<SnykTag>? Tags { get; set; }

    /// <summary>The project's attributes: criticality, environment, lifecycle.</summary>
    public SnykProjectAttributes? Attributes { get; set; }

    /// <summary>Available remediation: upgrades, patches and pins.</summary>
    public SnykRemediation? Remediation { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
