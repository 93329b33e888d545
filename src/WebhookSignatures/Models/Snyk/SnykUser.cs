namespace WebhookSignatures.Models.Snyk;

/// <summary>A Snyk user, such as the one who imported a project.</summary>
public sealed class SnykUser
{
    /// <summary>The user id.</summary>
    public string? Id { get; set; }

    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>The user name.</summary>
    public string? Username { get; set; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; set; }
}
