namespace WebhookSignatures.Models.Infisical;

/// <summary>Who made a request. <see langword="null"/> on the request when the author has been deleted.</summary>
public sealed class InfisicalActor
{
    /// <summary>The actor kind: see <see cref="InfisicalActorTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>The user's or identity's id.</summary>
    public string? Id { get; set; }

    /// <summary>The display name.</summary>
    public string? Name { get; set; }

    /// <summary>The e-mail address, when the actor has one.</summary>
    public string? Email { get; set; }
}
