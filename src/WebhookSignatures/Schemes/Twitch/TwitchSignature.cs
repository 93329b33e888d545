using System.Buffers;
using System.Text;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Schemes.Twitch;

/// <summary>
/// Twitch EventSub webhooks: <c>Twitch-Eventsub-Message-Signature: sha256=&lt;hex&gt;</c>, the hex HMAC-SHA256 of
/// <c>&lt;message id&gt;&lt;timestamp&gt;&lt;body&gt;</c> keyed with the subscription's secret, the id in
/// <c>Twitch-Eventsub-Message-Id</c> and the timestamp in <c>Twitch-Eventsub-Message-Timestamp</c> as RFC 3339 text
/// (nanosecond fractions), signed exactly as sent and checked to the millisecond against a ten-minute window.
/// </summary>
/// <remarks>
/// <para>A delivery is identified by its signed message id, which Twitch keeps when it resends a message. The event is
/// the (unsigned) <c>Twitch-Eventsub-Subscription-Type</c> header, the delivery id the message id.</para>
/// <para><c>Twitch-Eventsub-Message-Type</c> is not signed: a verified delivery is answered as a
/// <c>webhook_callback_verification</c> (200, the challenge as <c>text/plain</c>) only when that header says so and the
/// signed body carries the <c>challenge</c>.</para>
/// <para>An id over <see cref="MaxMessageIdLength"/> characters or outside printable ASCII, or a timestamp that is not
/// RFC 3339, is <see cref="WebhookFailureReason.MalformedSignature"/>; a missing id or timestamp is
/// <see cref="WebhookFailureReason.MissingSignature"/>.</para>
/// </remarks>
public sealed class TwitchSignature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "twitch";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "Twitch-Eventsub-Message-Signature";

    /// <summary>The message id header; signed.</summary>
    public const string MessageIdHeaderName = "Twitch-Eventsub-Message-Id";

    /// <summary>The message timestamp header (RFC 3339); signed.</summary>
    public const string TimestampHeaderName = "Twitch-Eventsub-Message-Timestamp";

    /// <summary>The message type header (<c>notification</c>, <c>webhook_callback_verification</c>, <c>revocation</c>); not signed.</summary>
    public const string MessageTypeHeaderName = "Twitch-Eventsub-Message-Type";

    /// <summary>The subscription type header (<c>channel.follow</c>); not signed.</summary>
    public const string SubscriptionTypeHeaderName = "Twitch-Eventsub-Subscription-Type";

    /// <summary>The message type of a subscription's challenge.</summary>
    public const string CallbackVerificationMessageType = "webhook_callback_verification";

    /// <summary>The longest message id accepted, in characters; longer is malformed.</summary>
    public const int MaxMessageIdLength = 256;

    private const string Prefix = "sha256=";

    // Printable ASCII without the space; a SearchValues search allocates nothing.
    private static readonly SearchValues<char> IdCharacters = SearchValues.Create(
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly string[] Headers = [SignatureHeaderName, MessageIdHeaderName, TimestampHeaderName, MessageTypeHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance and clock; <see langword="null"/> for Twitch's ten minutes and the system clock.</param>
    public TwitchSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options, DefaultTolerance)
    {
    }

    /// <summary>Twitch's replay window: a message more than ten minutes old is refused.</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The scheme with default settings: ten minutes of tolerance, the system clock.</summary>
    public static TwitchSignature Default { get; } = new();

    /// <inheritdoc />
    /// <remarks>The signature, message id, timestamp and message type headers; signing writes all four.</remarks>
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is the signed message id. The description is the unsigned <c>Twitch-Eventsub-Subscription-Type</c>
    /// header and the signed message id. The signed body decides a handshake, not the unsigned
    /// <c>Twitch-Eventsub-Message-Type</c>: a body with a top-level <c>challenge</c> is only ever a
    /// <c>webhook_callback_verification</c>, so it is answered with the challenge whatever the type header says, and a
    /// captured verification resent within the window as a <c>notification</c> never reaches the handler.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(SignatureHeaderName, out var signature) || !context.TryGetHeader(MessageIdHeaderName, out var messageId)
            || !context.TryGetHeader(TimestampHeaderName, out var timestamp) || !HubSignatureHeader.TryParse(ref context, signature, Prefix, received))
        {
            return;
        }

        if (!IsPrintableId(messageId) || !Rfc3339Timestamp.TryParse(timestamp, out var timestampUnixMs))
        {
            context.Fail(WebhookFailureReason.MalformedSignature);
            return;
        }

        // Both are ASCII now, one byte a character.
        Span<byte> prefix = stackalloc byte[MaxMessageIdLength + Rfc3339Timestamp.MaxLength];
        context.IdentifyBySignedId(messageId);
        if (!context.MatchHmacSha256(prefix[..WriteSignedPrefix(messageId, timestamp, prefix)], received))
        {
            return;
        }

        context.CheckTimestamp(timestampUnixMs);
        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(context.Headers.GetValue(SubscriptionTypeHeaderName), false, messageId.ToString(), true));
        }

        if (context.Wants(WebhookReadParts.Handshake) && TopLevelJsonString.TryRead(context.Body, "challenge"u8) is { } challenge)
        {
            context.AnswerHandshake(WebhookHandshakeResponse.PlainText(challenge));
        }
    }

    /// <summary>
    /// Signs a body as Twitch sends a notification: the body unchanged, a message id, the time as RFC 3339 with nine
    /// fraction digits, <c>sha256=&lt;hex&gt;</c> and <c>Twitch-Eventsub-Message-Type: notification</c>.
    /// </summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="parameters">The time to sign, kept to the millisecond, and the message id (a new GUID when none is given).</param>
    /// <exception cref="ArgumentException">The ring is empty, or the id is empty, too long or not printable ASCII without spaces.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(parameters.Timestamp!.Value.ToUnixTimeMilliseconds());
        var id = parameters.DeliveryId ?? Guid.NewGuid().ToString();
        var text = Rfc3339Timestamp.Format(time);
        var headers = new WebhookHeaders
        {
            { MessageIdHeaderName, id },
            { TimestampHeaderName, text },
            { SignatureHeaderName, CreateSignatureHeader(id, text, body, SigningSecret(keys)) },
            { MessageTypeHeaderName, "notification" },
        };
        return new SignedWebhook(body.ToArray(), headers, time.ToUnixTimeMilliseconds(), id);
    }

    /// <summary>Computes the signature header value <c>sha256=&lt;hex&gt;</c> over <c>&lt;id&gt;&lt;timestamp&gt;&lt;body&gt;</c>.</summary>
    /// <param name="messageId">The message id, as sent.</param>
    /// <param name="timestamp">The RFC 3339 timestamp, exactly as sent.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    /// <exception cref="ArgumentException">The id is empty, too long or not printable ASCII, or the timestamp is not RFC 3339.</exception>
    public static string CreateSignatureHeader(string messageId, string timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        if (!IsPrintableId(messageId))
        {
            throw new ArgumentException($"A message id has 1 to {MaxMessageIdLength} printable ASCII characters and no spaces.", nameof(messageId));
        }

        if (!Rfc3339Timestamp.TryParse(timestamp, out _))
        {
            throw new ArgumentException("The timestamp is not an RFC 3339 date-time.", nameof(timestamp));
        }

        Span<byte> prefix = stackalloc byte[MaxMessageIdLength + Rfc3339Timestamp.MaxLength];
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..WriteSignedPrefix(messageId, timestamp, prefix)], body, mac);
        return Prefix + Hex.ToLower(mac);
    }

    private static bool IsPrintableId(ReadOnlySpan<char> id) => id.Length is > 0 and <= MaxMessageIdLength && !id.ContainsAnyExcept(IdCharacters);

    private static int WriteSignedPrefix(ReadOnlySpan<char> messageId, ReadOnlySpan<char> timestamp, Span<byte> destination)
    {
        var length = Encoding.ASCII.GetBytes(messageId, destination);
        return length + Encoding.ASCII.GetBytes(timestamp, destination[length..]);
    }

    /// <summary>
    /// What is wrong with a configured Twitch secret and the fix, or null when it may be right; never quotes it. Twitch
    /// takes a secret of 10 to 100 ASCII characters when the subscription is created.
    /// </summary>
    internal static string? CheckSecret(string secret)
    {
        const string Fix = "use the exact secret sent as transport.secret when creating the EventSub subscription";
        if (secret.Length > 100)
        {
            return $"is longer than the 100 characters Twitch accepts for an EventSub secret: {Fix}.";
        }

        foreach (var c in secret)
        {
            if (!char.IsAscii(c) || char.IsControl(c))
            {
                return $"holds {(char.IsControl(c) ? "a control character or line break" : "a non-ASCII character")}, which an EventSub secret (10 to 100 ASCII characters) cannot: {Fix}.";
            }
        }

        return null;
    }
}
