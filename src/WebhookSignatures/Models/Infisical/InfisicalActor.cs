using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>Who made a request. <see langword="null"/> on the request when the author has been deleted.</summary>
public sealed class InfisicalActor
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalActor()
    {
    }

    /// <summary>The actor kind: see <see cref="InfisicalActorTypes"/>.</summary>
    [JsonInclude]
    public string? Type { get; internal set; }

    /// <summary>The user's or identity's id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The display name.</summary>
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The e-mail address, when the actor has one.</summary>
    [JsonInclude]
    public string? Email { get; internal set; }
}
