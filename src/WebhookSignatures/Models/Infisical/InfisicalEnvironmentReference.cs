using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>An environment as requests name it.</summary>
public sealed class InfisicalEnvironmentReference
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalEnvironmentReference()
    {
    }

    /// <summary>The display name, such as <c>Production</c>.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The slug, such as <c>prod</c>.</summary>
    [JsonInclude]
    public string? Slug { get; internal set; }
}
