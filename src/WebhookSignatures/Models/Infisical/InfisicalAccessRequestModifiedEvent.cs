namespace WebhookSignatures.Models.Infisical;

/// <summary>An access request changed state (<c>secrets.access-request.modified</c>).</summary>
public sealed class InfisicalAccessRequestModifiedEvent : InfisicalEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalAccessRequestModifiedEvent()
        : base(InfisicalEventNames.AccessRequestModified)
    {
    }

    /// <summary>What happened, such as <c>created</c> or <c>reviewed</c>.</summary>
    public string? Action { get; set; }

    /// <summary>The project (only its id and name in this event).</summary>
    public InfisicalProjectReference? Project { get; set; }

    /// <summary>The access request.</summary>
    public InfisicalAccessRequest? Request { get; set; }
}
