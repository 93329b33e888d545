using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret rotation failed (<c>secrets.rotation-failed</c>). <see cref="InfisicalProjectEvent.Project"/> carries the rotation name, error and whether it was triggered manually.</summary>
public sealed class InfisicalSecretRotationFailedEvent : InfisicalProjectEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalSecretRotationFailedEvent()
        : base(InfisicalEventNames.SecretRotationFailed)
    {
    }
}
