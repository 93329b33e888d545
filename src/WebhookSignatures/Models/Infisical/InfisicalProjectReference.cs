namespace WebhookSignatures.Models.Infisical;

/// <summary>The short <c>project</c> object of change-request and access-request events.</summary>
public sealed class InfisicalProjectReference
{
    /// <summary>The project id.</summary>
    public string? Id { get; set; }

    /// <summary>The project's display name.</summary>
    public string? Name { get; set; }
}
