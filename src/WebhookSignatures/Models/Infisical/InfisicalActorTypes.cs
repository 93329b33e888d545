namespace WebhookSignatures.Models.Infisical;

/// <summary>The values of <see cref="InfisicalProject.ChangedByActorType"/> and <see cref="InfisicalActor.Type"/>.</summary>
public static class InfisicalActorTypes
{
    /// <summary>A person signed in to Infisical.</summary>
    public const string User = "user";

    /// <summary>A machine identity.</summary>
    public const string Identity = "identity";

    /// <summary>A (legacy) service token.</summary>
    public const string Service = "service";
}
