using System.Buffers;
using System.Globalization;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.RequestSigning;

namespace WebhookSignatures.Schemes.HubSpot;

/// <summary>
/// HubSpot's v3 request signature: <c>X-HubSpot-Signature-v3: &lt;base64 HMAC-SHA256&gt;</c> over
/// <c>&lt;method&gt;&lt;URI&gt;&lt;body&gt;&lt;timestamp&gt;</c>, with <c>X-HubSpot-Request-Timestamp</c> in Unix
/// milliseconds, keyed with the app's client secret (its UTF-8 bytes).
/// </summary>
/// <remarks>
/// <para>The URI is the URL the request was sent to with some percent-encoded characters decoded, as HubSpot documents
/// (<c>%3A</c>, <c>%2F</c>, <c>%3F</c>, <c>%40</c>, <c>%21</c>, <c>%24</c>, <c>%27</c>, <c>%28</c>, <c>%29</c>,
/// <c>%2A</c>, <c>%2C</c>, <c>%3B</c>).</para>
/// <para>The timestamp is signed, so the replay window applies to it: HubSpot asks receivers to refuse requests more than
/// five minutes old; the window here is two-sided and five minutes unless configured otherwise. The older
/// <c>X-HubSpot-Signature</c> (v1, v2) covers no timestamp and is not read.</para>
/// </remarks>
public sealed class HubSpotSignature : RequestSigningWebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "hubspot";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "X-HubSpot-Signature-v3";

    /// <summary>The timestamp header (Unix milliseconds).</summary>
    public const string TimestampHeaderName = "X-HubSpot-Request-Timestamp";

    // Twenty digits at most reach the MAC; a longer value fails to parse first.
    private const int MaxTimestampLength = 20;

    private static readonly string[] Headers = [SignatureHeaderName, TimestampHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public HubSpotSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static HubSpotSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signature = headers.GetValue(SignatureHeaderName).AsSpan();
        if (BeginVerification(keys, ref signature, target) is { } failure)
        {
            return failure;
        }

        var timestamp = headers.GetValue(TimestampHeaderName).AsSpan().Trim(" \t");
        if (timestamp.IsEmpty)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MissingSignature);
        }

        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (timestamp.Length > MaxTimestampLength
            || !TryParseTimestamp(timestamp, WebhookTimestampUnit.Milliseconds, out var timestampUnixMs)
            || !Base64Mac.TryDecode(signature, received))
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        var prefix = WritePrefix(target.Method!, target.Url!);
        try
        {
            // The timestamp is ASCII digits (checked above): its chars are its bytes.
            Span<byte> suffix = stackalloc byte[MaxTimestampLength];
            for (var i = 0; i < timestamp.Length; i++)
            {
                suffix[i] = (byte)timestamp[i];
            }

            return CheckTimestamp(VerifyHmacSha256(keys, prefix.Written, body, suffix[..timestamp.Length], received), timestampUnixMs);
        }
        finally
        {
            prefix.Dispose();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// What the MAC covers: the method, the URI, the body and the timestamp text. HubSpot signs a retry afresh, so a
    /// retry is a new delivery to the store; the body's events carry their own <c>eventId</c> for handlers to de-duplicate.
    /// </remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result, WebhookRequestTarget target)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var timestamp = headers.GetValue(TimestampHeaderName).AsSpan().Trim(" \t");
        var prefix = target.IsNone ? new SignedContentBuffer(0) : WritePrefix(target.Method!, target.Url!);
        var suffix = new SignedContentBuffer(timestamp.Length);
        try
        {
            suffix.Append(timestamp);
            return WebhookDeliveryId.FromSignedContent(prefix.Written, body, suffix.Written);
        }
        finally
        {
            suffix.Dispose();
            prefix.Dispose();
        }
    }

    /// <summary>Signs a body as HubSpot does: it is sent unchanged with the v3 signature and the millisecond timestamp.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="target">The method and the URL the delivery is sent to.</param>
    /// <param name="timestamp">The time to sign; now when <see langword="null"/>.</param>
    /// <param name="messageId">Ignored: HubSpot signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty or there is no target.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys, target);
        var unixMs = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeMilliseconds();
        var headers = new WebhookHeaders
        {
            { SignatureHeaderName, CreateSignatureHeader(target.Method!, target.Url!, body, unixMs, keys.GetKey(0)) },
            { TimestampHeaderName, unixMs.ToString(CultureInfo.InvariantCulture) },
        };
        return new SignedWebhook(body.ToArray(), headers, unixMs);
    }

    /// <summary>Computes the <c>X-HubSpot-Signature-v3</c> value for a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The URL the request is sent to.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="timestampUnixMs">The timestamp sent in <c>X-HubSpot-Request-Timestamp</c>.</param>
    /// <param name="key">The client secret's bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateSignatureHeader(string method, Uri url, ReadOnlySpan<byte> body, long timestampUnixMs, ReadOnlySpan<byte> key)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixMs);
        var prefix = WritePrefix(method, url);
        var signed = new SignedContentBuffer(prefix.Length + body.Length + MaxTimestampLength);
        try
        {
            signed.Append(prefix.Written);
            signed.Append(body);
            signed.Append(timestampUnixMs.ToString(CultureInfo.InvariantCulture));
            Span<byte> mac = stackalloc byte[HmacSha256.Length];
            HmacSha256.Compute(key, default, signed.Written, mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            signed.Dispose();
            prefix.Dispose();
        }
    }

    /// <summary>Writes <c>&lt;method&gt;&lt;URI&gt;</c>, the URI decoded as HubSpot decodes it, as UTF-8.</summary>
    private static SignedContentBuffer WritePrefix(string method, Uri url)
    {
        var text = url.OriginalString;
        var buffer = new SignedContentBuffer((method.Length + text.Length) * 3);
        char[]? rented = null;
        var decoded = text.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            buffer.Append(method);
            buffer.Append(decoded[..HubSpotRequestUri.Decode(text, decoded)]);
            return buffer;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
