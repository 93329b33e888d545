using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>One requested permission: a subject and the actions on it.</summary>
public sealed class InfisicalPermissionRule
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalPermissionRule()
    {
    }

    /// <summary>The subject, such as <c>secrets</c> or <c>secret-folders</c>.</summary>
    [JsonInclude]
    public string? Subject { get; internal set; }

    /// <summary>The actions, such as <c>read</c> and <c>edit</c>.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Actions { get; internal set; }
}
