namespace WebhookSignatures.Models.Infisical;

/// <summary>Someone used a honey token (<c>honey-token.triggered</c>): a decoy credential that should never be used.</summary>
public sealed class InfisicalHoneyTokenTriggeredEvent : InfisicalProjectEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalHoneyTokenTriggeredEvent()
        : base(InfisicalEventNames.HoneyTokenTriggered)
    {
    }

    /// <summary>Which token was used, and from where.</summary>
    public InfisicalHoneyToken? HoneyToken { get; set; }
}
