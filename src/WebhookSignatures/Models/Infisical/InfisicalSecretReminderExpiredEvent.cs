using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret's reminder came due (<c>secrets.reminder-expired</c>). <see cref="InfisicalProjectEvent.Project"/> names the secret and the reminder note.</summary>
public sealed class InfisicalSecretReminderExpiredEvent : InfisicalProjectEvent
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalSecretReminderExpiredEvent()
        : base(InfisicalEventNames.SecretReminderExpired)
    {
    }
}
