using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>A patch Snyk can apply for a vulnerability.</summary>
public sealed class SnykPatch
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykPatch()
    {
    }

    /// <summary>The patch id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>Where to download the patch.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Urls { get; internal set; }

    /// <summary>The package versions the patch applies to, such as <c>=1.0.0</c>.</summary>
    [JsonInclude]
    public string? Version { get; internal set; }

    /// <summary>Comments on the patch.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Comments { get; internal set; }

    /// <summary>When the patch last changed.</summary>
    [JsonInclude]
    public DateTimeOffset? ModificationTime { get; internal set; }
}
