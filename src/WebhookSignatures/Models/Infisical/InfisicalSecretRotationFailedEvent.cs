namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret rotation failed (<c>secrets.rotation-failed</c>). <see cref="InfisicalProjectEvent.Project"/> carries the rotation name, error and whether it was triggered manually.</summary>
public sealed class InfisicalSecretRotationFailedEvent : InfisicalProjectEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalSecretRotationFailedEvent()
        : base(InfisicalEventNames.SecretRotationFailed)
    {
    }
}
