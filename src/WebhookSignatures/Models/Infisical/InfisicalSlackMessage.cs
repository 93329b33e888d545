namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// The body of a Slack-type Infisical webhook: an incoming-webhook message (<c>text</c> and <c>attachments</c>)
/// plus the signed <c>timestamp</c>. It has no <c>event</c>; the text says what happened.
/// </summary>
public sealed class InfisicalSlackMessage : InfisicalWebhook
{
    /// <summary>The message line, such as <c>A secret value has been added or modified.</c></summary>
    public string? Text { get; set; }

    /// <summary>The attachments (Infisical sends one, with the details as fields).</summary>
    public IReadOnlyList<InfisicalSlackAttachment>? Attachments { get; set; }
}
