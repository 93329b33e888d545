using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.RequestSigning;

namespace WebhookSignatures.Schemes.Square;

/// <summary>
/// Square: <c>x-square-hmacsha256-signature: &lt;base64 HMAC-SHA256 of &lt;notification URL&gt;&lt;body&gt;&gt;</c>, keyed
/// with the subscription's signature key (its UTF-8 bytes). The URL is the notification URL configured at Square,
/// exactly as written there; the event is the body's <c>type</c>, the delivery its <c>event_id</c>.
/// </summary>
/// <remarks>
/// No timestamp is signed, so a captured delivery stays valid: pair it with exactly-once handling, which recognises a
/// delivery by its signed <c>event_id</c> (Square keeps it across retries).
/// </remarks>
public sealed class SquareSignature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "square";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "x-square-hmacsha256-signature";

    private static readonly string[] Headers = [SignatureHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public SquareSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static SquareSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    public override bool SignsRequestTarget => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is the signed body's top-level <c>event_id</c>, which Square keeps across retries; a body without one
    /// is identified by the URL and the body, what the MAC covers. The event is the body's <c>type</c>.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(SignatureHeaderName, out var signature) || !context.TryDecodeBase64(signature, received))
        {
            return;
        }

        if (context.Wants(WebhookReadParts.Identity))
        {
            context.IdentifyBySignedId(TopLevelJsonString.TryRead(context.Body, "event_id"u8));
        }

        var url = new SignedContentBuffer(context.Target.Url!.OriginalString.Length * 3);
        try
        {
            url.Append(context.Target.Url.OriginalString);
            if (!context.MatchHmacSha256(url.Written, received))
            {
                return;
            }
        }
        finally
        {
            url.Dispose();
        }

        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(TopLevelJsonString.TryRead(context.Body, "type"u8), true, TopLevelJsonString.TryRead(context.Body, "event_id"u8), true));
        }
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged; the URL must be the notification URL the receiver verifies with.</remarks>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var headers = new WebhookHeaders { { SignatureHeaderName, CreateSignatureHeader(parameters.Target.Url!, body, SigningSecret(keys)) } };
        return new SignedWebhook(body.ToArray(), headers, null);
    }

    /// <summary>Computes the signature header value, the base64 HMAC-SHA256 of the URL's text followed by the body.</summary>
    /// <param name="notificationUrl">The notification URL, exactly as configured.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The signature key's bytes.</param>
    public static string CreateSignatureHeader(Uri notificationUrl, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(notificationUrl);
        var url = new SignedContentBuffer(256);
        try
        {
            url.Append(notificationUrl.OriginalString);
            Span<byte> mac = stackalloc byte[HmacSha256.Length];
            HmacSha256.Compute(key, url.Written, body, mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            url.Dispose();
        }
    }
}
