namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>org</c> object: the Snyk organization a project belongs to.</summary>
public sealed class SnykOrganization
{
    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>The organization id.</summary>
    public string? Id { get; set; }

    /// <summary>The URL slug.</summary>
    public string? Slug { get; set; }

    /// <summary>The organization's page in Snyk.</summary>
    public string? Url { get; set; }

    /// <summary>When the organization was created.</summary>
    public DateTimeOffset? Created { get; set; }
}
