namespace WebhookSignatures.Schemes.Slack;

/// <summary>
/// Slack: <c>X-Slack-Signature: v0=&lt;hex&gt;</c>, the hex HMAC-SHA256 of <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c> keyed
/// with the app's signing secret, and <c>X-Slack-Request-Timestamp</c> in Unix seconds. The body is signed as sent, JSON
/// (Events API) or form-encoded (slash commands, interactivity).
/// </summary>
/// <remarks>
/// The event is the inner <c>event.type</c> of an Events API <c>event_callback</c> (<c>app_mention</c>, <c>message</c>), what a
/// handler branches on, else the body's top-level <c>type</c> (<c>url_verification</c>); the
/// delivery its <c>event_id</c>, which Slack keeps when it retries (<c>X-Slack-Retry-Num</c>, unsigned); a form-encoded
/// body is identified by <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c>. A verified <c>url_verification</c> is answered with its
/// <c>challenge</c> as plain text.
/// </remarks>
public sealed class SlackSignature : SlackStyleSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "slack";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "X-Slack-Signature";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeaderName = "X-Slack-Request-Timestamp";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public SlackSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, TimestampHeaderName, "type", "event_id", options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static SlackSignature Default { get; } = new();

    /// <summary>An <c>event_callback</c> is described by its inner event's type (<c>app_mention</c>), the event the handler wants.</summary>
    private protected override string? DescribeEvent(ReadOnlySpan<byte> body, string? eventName) =>
        eventName == "event_callback" && TopLevelJsonString.TryRead(body, "event"u8, "type"u8) is { Length: > 0 } inner ? inner : eventName;

    /// <summary>A verified <c>url_verification</c> is answered with its <c>challenge</c> as plain text.</summary>
    private protected override WebhookHandshakeResponse? AnswerHandshake(ReadOnlySpan<byte> body, KeyRing keys, int matchedKeyIndex) =>
        TopLevelJsonString.IsString(body, "type"u8, "url_verification"u8) && TopLevelJsonString.TryRead(body, "challenge"u8) is { } challenge
            ? WebhookHandshakeResponse.PlainText(challenge)
            : null;
}
