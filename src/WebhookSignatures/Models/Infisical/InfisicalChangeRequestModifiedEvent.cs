namespace WebhookSignatures.Models.Infisical;

/// <summary>A secret change request changed state (<c>secrets.change-request.modified</c>).</summary>
public sealed class InfisicalChangeRequestModifiedEvent : InfisicalEvent
{
    /// <summary>Creates the event, for senders.</summary>
    public InfisicalChangeRequestModifiedEvent()
        : base(InfisicalEventNames.ChangeRequestModified)
    {
    }

    /// <summary>What happened: <c>created</c>, <c>reviewed</c>, <c>closed</c>, <c>reopened</c> or <c>merged</c>.</summary>
    public string? Action { get; set; }

    /// <summary>The project (only its id and name in this event).</summary>
    public InfisicalProjectReference? Project { get; set; }

    /// <summary>The change request.</summary>
    public InfisicalChangeRequest? Request { get; set; }
}
