namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret's reminder came due (<c>secrets.reminder-expired</c>). <see cref="InfisicalProjectEvent.Project"/> names the secret and the reminder note.</summary>
public sealed class InfisicalSecretReminderExpiredEvent : InfisicalProjectEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalSecretReminderExpiredEvent()
        : base(InfisicalEventNames.SecretReminderExpired)
    {
    }
}
