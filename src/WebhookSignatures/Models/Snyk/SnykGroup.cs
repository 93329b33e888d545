using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>The <c>group</c> object: the group an organization belongs to.</summary>
public sealed class SnykGroup
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykGroup()
    {
    }

    /// <summary>The display name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The group id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }
}
