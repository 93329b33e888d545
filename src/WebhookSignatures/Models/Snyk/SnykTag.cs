using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>A key and value tag on a project.</summary>
public sealed class SnykTag
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykTag()
    {
    }

    /// <summary>The tag key.</summary>
    [JsonInclude]
    public string? Key { get; internal set; }

    /// <summary>The tag value.</summary>
    [JsonInclude]
    public string? Value { get; internal set; }
}
