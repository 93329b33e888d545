using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>project</c> object of a snapshot, as Snyk's Projects (v1) API describes a project.</summary>
public sealed class SnykProject
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykProject()
    {
    }

    /// <summary>The project name, such as <c>snyk/goof:package.json</c>.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The project id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>When the project was created.</summary>
    [JsonInclude]
    public DateTimeOffset? Created { get; internal set; }

    /// <summary>Where the project was imported from, such as <c>github</c> or <c>cli</c>.</summary>
    [JsonInclude]
    public string? Origin { get; internal set; }

    /// <summary>The package manager or scan type, such as <c>npm</c> or <c>dockerfile</c>.</summary>
    [JsonInclude]
    public string? Type { get; internal set; }

    /// <summary>Whether the project is read-only.</summary>
    [JsonInclude]
    public bool? ReadOnly { get; internal set; }

    /// <summary>How often Snyk tests the project, such as <c>daily</c>.</summary>
    [JsonInclude]
    public string? TestFrequency { get; internal set; }

    /// <summary>The number of dependencies.</summary>
    [JsonInclude]
    public int? TotalDependencies { get; internal set; }

    /// <summary>Open issues per severity.</summary>
    [JsonInclude]
    public SnykIssueCounts? IssueCountsBySeverity { get; internal set; }

    /// <summary>The container image id (container projects).</summary>
    [JsonInclude]
    public string? ImageId { get; internal set; }

    /// <summary>The container image tag.</summary>
    [JsonInclude]
    public string? ImageTag { get; internal set; }

    /// <summary>The image's base image.</summary>
    [JsonInclude]
    public string? ImageBaseImage { get; internal set; }

    /// <summary>The image's platform, such as <c>linux/amd64</c>.</summary>
    [JsonInclude]
    public string? ImagePlatform { get; internal set; }

    /// <summary>The Kubernetes cluster the image runs in, when monitored from one.</summary>
    [JsonInclude]
    public string? ImageCluster { get; internal set; }

    /// <summary>The repository URL.</summary>
    [JsonInclude]
    public string? RemoteRepoUrl { get; internal set; }

    /// <summary>When the project was last tested.</summary>
    [JsonInclude]
    public DateTimeOffset? LastTestedDate { get; internal set; }

    /// <summary>The project's page in Snyk.</summary>
    [JsonInclude]
    public string? BrowseUrl { get; internal set; }

    /// <summary>Who imported the project.</summary>
    [JsonInclude]
    public SnykUser? ImportingUser { get; internal set; }

    /// <summary>Whether the project is monitored.</summary>
    [JsonInclude]
    public bool? IsMonitored { get; internal set; }

    /// <summary>The repository branch, when known.</summary>
    [JsonInclude]
    public string? Branch { get; internal set; }

    /// <summary>The target reference (a branch or tag), when set.</summary>
    [JsonInclude]
    public string? TargetReference { get; internal set; }

    /// <summary>The project's tags.</summary>
    [JsonInclude]
    public IReadOnlyList<SnykTag>? Tags { get; internal set; }

    /// <summary>The project's attributes: criticality, environment, lifecycle.</summary>
    [JsonInclude]
    public SnykProjectAttributes? Attributes { get; internal set; }

    /// <summary>Available remediation: upgrades, patches and pins.</summary>
    [JsonInclude]
    public SnykRemediation? Remediation { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
