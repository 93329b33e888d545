using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The short <c>project</c> object of change-request and access-request events.</summary>
public sealed class InfisicalProjectReference
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalProjectReference()
    {
    }

    /// <summary>The project id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The project's display name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }
}
