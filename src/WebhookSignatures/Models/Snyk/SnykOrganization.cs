using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>org</c> object: the Snyk organization a project belongs to.</summary>
public sealed class SnykOrganization
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykOrganization()
    {
    }

    /// <summary>The display name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The organization id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The URL slug.</summary>
    [JsonInclude]
    public string? Slug { get; internal set; }

    /// <summary>The organization's page in Snyk.</summary>
    [JsonInclude]
    public string? Url { get; internal set; }

    /// <summary>When the organization was created.</summary>
    [JsonInclude]
    public DateTimeOffset? Created { get; internal set; }
}
