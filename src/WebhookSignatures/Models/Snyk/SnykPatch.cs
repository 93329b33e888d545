namespace WebhookSignatures.Models.Snyk;

/// <summary>A patch Snyk can apply for a vulnerability.</summary>
public sealed class SnykPatch
{
    /// <summary>The patch id.</summary>
    public string? Id { get; set; }

    /// <summary>Where to download the patch.</summary>
    public IReadOnlyList<string>? Urls { get; set; }

    /// <summary>The package versions the patch applies to, such as <c>=1.0.0</c>.</summary>
    public string? Version { get; set; }

    /// <summary>Comments on the patch.</summary>
    public IReadOnlyList<string>? Comments { get; set; }

    /// <summary>When the patch last changed.</summary>
    public DateTimeOffset? ModificationTime { get; set; }
}
