namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// The body of a Microsoft Teams-type Infisical webhook: <c>type: "message"</c> with adaptive-card attachments,
/// plus the signed <c>timestamp</c>. It has no <c>event</c>; the card's first text block says what happened.
/// </summary>
public sealed class InfisicalTeamsMessage : InfisicalWebhook
{
    /// <summary>The Teams message type value, <c>message</c>.</summary>
    public const string MessageType = "message";

    /// <summary>The message type; <see cref="MessageType"/>.</summary>
    public string? Type { get; set; } = MessageType;

    /// <summary>The attachments (Infisical sends one adaptive card).</summary>
    public IReadOnlyList<InfisicalTeamsAttachment>? Attachments { get; set; }
}
