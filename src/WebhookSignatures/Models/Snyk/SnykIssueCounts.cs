using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>Issue counts per severity.</summary>
public sealed class SnykIssueCounts
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykIssueCounts()
    {
    }

    /// <summary>Low-severity issues.</summary>
    [JsonInclude]
    public int? Low { get; internal set; }

    /// <summary>Medium-severity issues.</summary>
    [JsonInclude]
    public int? Medium { get; internal set; }

    /// <summary>High-severity issues.</summary>
    [JsonInclude]
    public int? High { get; internal set; }

    /// <summary>Critical issues.</summary>
    [JsonInclude]
    public int? Critical { get; internal set; }
}
