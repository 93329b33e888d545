namespace WebhookSignatures.Models.Snyk;

/// <summary>Issue counts per severity.</summary>
public sealed class SnykIssueCounts
{
    /// <summary>Low-severity issues.</summary>
    public int? Low { get; set; }

    /// <summary>Medium-severity issues.</summary>
    public int? Medium { get; set; }

    /// <summary>High-severity issues.</summary>
    public int? High { get; set; }

    /// <summary>Critical issues.</summary>
    public int? Critical { get; set; }
}
