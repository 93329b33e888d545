using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// The body of a Slack-type Infisical webhook: an incoming-webhook message (<c>text</c> and <c>attachments</c>)
/// plus the signed <c>timestamp</c>. It has no <c>event</c>; the text says what happened.
/// </summary>
public sealed class InfisicalSlackMessage : InfisicalWebhook
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalSlackMessage()
    {
    }

    /// <summary>The message line, such as <c>A secret value has been added or modified.</c></summary>
    [JsonInclude]
    public string? Text { get; internal set; }

    /// <summary>The attachments (Infisical sends one, with the details as fields).</summary>
    [JsonInclude]
    public IReadOnlyList<InfisicalSlackAttachment>? Attachments { get; internal set; }
}
