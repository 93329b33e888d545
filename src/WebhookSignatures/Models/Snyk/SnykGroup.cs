namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>group</c> object: the group an organization belongs to.</summary>
public sealed class SnykGroup
{
    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>The group id.</summary>
    public string? Id { get; set; }
}
