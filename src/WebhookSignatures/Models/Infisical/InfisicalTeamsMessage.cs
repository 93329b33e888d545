using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// The body of a Microsoft Teams-type Infisical webhook: <c>type: "message"</c> with adaptive-card attachments,
/// plus the signed <c>timestamp</c>. It has no <c>event</c>; the card's first text block says what happened.
/// </summary>
public sealed class InfisicalTeamsMessage : InfisicalWebhook
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalTeamsMessage()
    {
    }

    /// <summary>The Teams message type value, <c>message</c>.</summary>
    public const string MessageType = "message";

    /// <summary>The message type; <see cref="MessageType"/>.</summary>
    [JsonInclude]
    public string? Type { get; internal set; } = MessageType;

    /// <summary>The attachments (Infisical sends one adaptive card).</summary>
    [JsonInclude]
    public IReadOnlyList<InfisicalTeamsAttachment>? Attachments { get; internal set; }
}
