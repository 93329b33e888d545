using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>A Snyk user, such as the one who imported a project.</summary>
public sealed class SnykUser
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykUser()
    {
    }

    /// <summary>The user id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The display name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The user name.</summary>
    [JsonInclude]
    public string? Username { get; internal set; }

    /// <summary>The e-mail address.</summary>
    [JsonInclude]
    public string? Email { get; internal set; }
}
