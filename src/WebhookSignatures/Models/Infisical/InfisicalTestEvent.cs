namespace WebhookSignatures.Models.Infisical;

/// <summary>The test delivery sent from Infisical's webhook settings (<c>test</c>).</summary>
public sealed class InfisicalTestEvent : InfisicalProjectEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalTestEvent()
        : base(InfisicalEventNames.Test)
    {
    }
}
