namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret was added, changed or deleted (<c>secrets.modified</c>). <see cref="InfisicalProjectEvent.Project"/> names the path and, when known, who changed it.</summary>
public sealed class InfisicalSecretsModifiedEvent : InfisicalProjectEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalSecretsModifiedEvent()
        : base(InfisicalEventNames.SecretsModified)
    {
    }
}
