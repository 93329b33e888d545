using System.Globalization;
using System.Text;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Schemes.Slack;

/// <summary>
/// Slack-style signatures: a signature header <c>v0=&lt;hex&gt;</c>, the hex HMAC-SHA256 of
/// <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c> keyed with the secret's UTF-8 bytes, and the Unix seconds in a timestamp
/// header of their own. <see cref="SlackSignature"/> and <see cref="Zoom.ZoomSignature"/> sign alike; they differ in their
/// header names, the body members naming the event and the delivery, and their handshakes.
/// </summary>
/// <remarks>
/// A label other than <c>v0</c> (<c>v1=</c>) is <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>; anything but
/// <c>v0=</c> and 64 hex digits, or a timestamp that is not plain digits, is <see cref="WebhookFailureReason.MalformedSignature"/>;
/// a missing timestamp is <see cref="WebhookFailureReason.MissingSignature"/>. The timestamp is inside the MAC, exactly
/// as the header writes it, so the two-sided replay window applies to it directly.
/// </remarks>
public abstract class SlackStyleSignature : WebhookScheme
{
    private const string Prefix = "v0=";

    // "v0:", at most 19 digits, ":".
    private const int MaxSignedPrefixLength = 23;

    private readonly string[] _headerNames;
    private readonly byte[] _eventPropertyName;
    private readonly byte[]? _idPropertyName;

    private protected SlackStyleSignature(
        string name, string signatureHeaderName, string timestampHeaderName, string eventPropertyName, string? idPropertyName, WebhookSchemeOptions? options)
        : base(name, options)
    {
        _headerNames = [signatureHeaderName, timestampHeaderName];
        _eventPropertyName = Encoding.UTF8.GetBytes(eventPropertyName);
        _idPropertyName = idPropertyName is null ? null : Encoding.UTF8.GetBytes(idPropertyName);
    }

    /// <inheritdoc />
    /// <remarks>The signature header, then the timestamp header.</remarks>
    public sealed override IReadOnlyList<string> HeaderNames => _headerNames;

    /// <inheritdoc />
    public sealed override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is the signed body's event id where the sender keeps one across retries (Slack's <c>event_id</c>);
    /// otherwise exactly what the MAC covers, <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c>. The description comes from
    /// top-level strings of a JSON body (a form-encoded body describes nothing); the headers carry neither.
    /// </remarks>
    protected sealed override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(_headerNames[0], out var signature) || !context.TryGetHeader(_headerNames[1], out var timestamp)
            || !HubSignatureHeader.TryParse(ref context, signature, Prefix, received)
            || !context.TryParseTimestamp(timestamp, WebhookTimestampUnit.Seconds, out var timestampUnixMs))
        {
            return;
        }

        if (_idPropertyName is not null && context.Wants(WebhookReadParts.Identity))
        {
            context.IdentifyBySignedId(TopLevelJsonString.TryRead(context.Body, _idPropertyName));
        }

        // The digits exactly as sent (leading zeros included), which is what the sender signed.
        Span<byte> prefix = stackalloc byte[MaxSignedPrefixLength];
        if (!context.MatchHmacSha256(prefix[..WriteSignedPrefix(timestamp, prefix)], received))
        {
            return;
        }

        context.CheckTimestamp(timestampUnixMs);
        if (context.Wants(WebhookReadParts.Description))
        {
            var id = _idPropertyName is null ? null : TopLevelJsonString.TryRead(context.Body, _idPropertyName);
            context.Describe(new(DescribeEvent(context.Body, TopLevelJsonString.TryRead(context.Body, _eventPropertyName)), true, id, true));
        }

        if (context.Wants(WebhookReadParts.Handshake) && AnswerHandshake(context.Body, context.Keys, context.MatchedKeyIndex) is { } answer)
        {
            context.AnswerHandshake(answer);
        }
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged with <c>v0=&lt;hex&gt;</c> and the Unix seconds in the two headers.</remarks>
    protected sealed override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var seconds = parameters.Timestamp!.Value.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(parameters));
        var headers = new WebhookHeaders
        {
            { _headerNames[0], CreateSignature(seconds, body, SigningSecret(keys)) },
            { _headerNames[1], seconds.ToString(CultureInfo.InvariantCulture) },
        };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000);
    }

    /// <summary>The event name to report for a verified body whose top-level event member is <paramref name="eventName"/>.</summary>
    private protected virtual string? DescribeEvent(ReadOnlySpan<byte> body, string? eventName) => eventName;

    /// <summary>The answer to the sender's handshake, when a verified body is one; <see langword="null"/> otherwise.</summary>
    private protected abstract WebhookHandshakeResponse? AnswerHandshake(ReadOnlySpan<byte> body, KeyRing keys, int matchedKeyIndex);

    /// <summary>Computes the signature header value <c>v0=&lt;hex&gt;</c> over <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c>.</summary>
    /// <param name="timestampUnixSeconds">The time sent in the timestamp header, in Unix seconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateSignature(long timestampUnixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixSeconds);
        Span<char> digits = stackalloc char[20];
        timestampUnixSeconds.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        Span<byte> prefix = stackalloc byte[MaxSignedPrefixLength];
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..WriteSignedPrefix(digits[..written], prefix)], body, mac);
        return Prefix + Hex.ToLower(mac);
    }

    /// <summary>Writes <c>v0:&lt;timestamp&gt;:</c>; the timestamp is ASCII digits, at most 19 of them.</summary>
    private static int WriteSignedPrefix(ReadOnlySpan<char> timestamp, Span<byte> destination)
    {
        // The caller parsed it: at most 19 ASCII digits.
        "v0:"u8.CopyTo(destination);
        var length = 3 + Encoding.ASCII.GetBytes(timestamp, destination[3..]);
        destination[length] = (byte)':';
        return length + 1;
    }
}
