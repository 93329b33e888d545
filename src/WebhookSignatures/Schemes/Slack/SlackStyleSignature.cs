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
    public sealed override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers.GetValue(_headerNames[0]), headers.GetValue(_headerNames[1]), body, keys);
    }

    /// <summary>Verifies a delivery from its two header values and raw body.</summary>
    /// <param name="signature">The signature header's value, <c>v0=&lt;hex&gt;</c>; empty means missing.</param>
    /// <param name="timestamp">The timestamp header's value, Unix seconds; empty means missing.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<char> signature, ReadOnlySpan<char> timestamp, ReadOnlySpan<byte> body, KeyRing keys)
    {
        if (BeginVerification(keys, ref signature, ref timestamp) is { } failure)
        {
            return failure;
        }

        Span<byte> received = stackalloc byte[HmacSha256.Length];
        var parsed = HubSignatureHeader.Parse(signature, Prefix, received);
        if (parsed != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(parsed);
        }

        if (!TryParseTimestamp(timestamp, WebhookTimestampUnit.Seconds, out var timestampUnixMs))
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        // The digits exactly as sent (leading zeros included), which is what the sender signed.
        Span<byte> prefix = stackalloc byte[MaxSignedPrefixLength];
        var length = WriteSignedPrefix(timestamp, prefix);
        return CheckTimestamp(VerifyHmacSha256(keys, prefix[..length], body, received), timestampUnixMs);
    }

    /// <inheritdoc />
    /// <remarks>Top-level strings of a JSON body (a form-encoded body describes nothing); the headers carry neither.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) =>
        new(TopLevelJsonString.TryRead(body, _eventPropertyName), _idPropertyName is null ? null : TopLevelJsonString.TryRead(body, _idPropertyName));

    /// <inheritdoc />
    /// <remarks>
    /// The signed body's event id where the sender keeps one across retries (Slack's <c>event_id</c>); otherwise exactly
    /// what the MAC covers, <c>v0:&lt;timestamp&gt;:&lt;body&gt;</c>.
    /// </remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (_idPropertyName is not null && TopLevelJsonString.TryRead(body, _idPropertyName) is { Length: > 0 } id)
        {
            return WebhookDeliveryId.FromSignedId(id);
        }

        var timestamp = headers.GetValue(_headerNames[1]).AsSpan().Trim(" \t");
        Span<byte> prefix = stackalloc byte[MaxSignedPrefixLength];
        if (timestamp.Length > MaxSignedPrefixLength - 4)
        {
            // Verification refuses such a header; identify by the body alone rather than throw.
            return WebhookDeliveryId.FromSignedContent(default, body);
        }

        return WebhookDeliveryId.FromSignedContent(prefix[..WriteSignedPrefix(timestamp, prefix)], body);
    }

    /// <summary>Signs a body: it is sent unchanged with <c>v0=&lt;hex&gt;</c> and the Unix seconds in the two headers.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">The time to sign, truncated to whole seconds; now when <see langword="null"/>.</param>
    /// <param name="messageId">Ignored: the scheme signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    public sealed override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var seconds = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(timestamp));
        var headers = new WebhookHeaders
        {
            { _headerNames[0], CreateSignature(seconds, body, keys.GetKey(0)) },
            { _headerNames[1], seconds.ToString(CultureInfo.InvariantCulture) },
        };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000);
    }

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
        "v0:"u8.CopyTo(destination);
        var length = 3 + Encoding.ASCII.GetBytes(timestamp, destination[3..]);
        destination[length] = (byte)':';
        return length + 1;
    }
}
