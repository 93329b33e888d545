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
public sealed class HubSpotSignature : WebhookScheme
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
    public override bool SignsRequestTarget => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is what the MAC covers: the method, the URI as HubSpot decodes it, the body and the timestamp text.
    /// HubSpot signs a retry afresh, so a retry is a new delivery to the store; the body's events carry their own
    /// <c>eventId</c> for handlers to de-duplicate. HubSpot names no event or delivery in its headers.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(SignatureHeaderName, out var signature) || !context.TryGetHeader(TimestampHeaderName, out var timestamp))
        {
            return;
        }

        if (timestamp.Length > MaxTimestampLength)
        {
            context.Fail(WebhookFailureReason.MalformedSignature);
            return;
        }

        if (!context.TryParseTimestamp(timestamp, WebhookTimestampUnit.Milliseconds, out var timestampUnixMs) || !context.TryDecodeBase64(signature, received))
        {
            return;
        }

        var prefix = WritePrefix(context.Target.Method!, context.Target.Url!);
        try
        {
            // The timestamp is ASCII digits (checked above): its chars are its bytes.
            Span<byte> suffix = stackalloc byte[MaxTimestampLength];
            for (var i = 0; i < timestamp.Length; i++)
            {
                suffix[i] = (byte)timestamp[i];
            }

            if (context.MatchHmacSha256(prefix.Written, context.Body, suffix[..timestamp.Length], received))
            {
                context.CheckTimestamp(timestampUnixMs);
            }
        }
        finally
        {
            prefix.Dispose();
        }
    }

    /// <summary>Signs a body as HubSpot does: it is sent unchanged with the v3 signature and the millisecond timestamp.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="parameters">The method and URL the delivery is sent to, and the time to sign; HubSpot signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty or there is no target.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var target = parameters.Target;
        var unixMs = parameters.Timestamp!.Value.ToUnixTimeMilliseconds();
        var headers = new WebhookHeaders
        {
            { SignatureHeaderName, CreateSignatureHeader(target.Method!, target.Url!, body, unixMs, SigningSecret(keys)) },
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
