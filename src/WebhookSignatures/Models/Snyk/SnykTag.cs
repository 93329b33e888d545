namespace WebhookSignatures.Models.Snyk;

/// <summary>A key and value tag on a project.</summary>
public sealed class SnykTag
{
    /// <summary>The tag key.</summary>
    public string? Key { get; set; }

    /// <summary>The tag value.</summary>
    public string? Value { get; set; }
}
