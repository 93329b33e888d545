using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.RequestSigning;

namespace WebhookSignatures.Schemes.Square;

/// <summary>
/// Square: <c>x-square-hmacsha256-signature: &lt;base64 HMAC-SHA256 of &lt;notification URL&gt;&lt;body&gt;&gt;</c>, keyed
/// with the subscription's signature key (its UTF-8 bytes). The URL is the notification URL configured at Square,
/// exactly as written there; the event is the body's <c>type</c>, the delivery its <c>event_id</c>.
/// </summary>
/// <remarks>
/// No timestamp is signed, so a captured delivery stays valid: pair it with replay protection, which recognises a
/// delivery by its signed <c>event_id</c> (Square keeps it across retries).
/// </remarks>
public sealed class SquareSignature : RequestSigningWebhookScheme
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
    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var signature = headers.GetValue(SignatureHeaderName).AsSpan();
        if (BeginVerification(keys, ref signature, target) is { } failure)
        {
            return failure;
        }

        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!Base64Mac.TryDecode(signature, received))
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        var url = new SignedContentBuffer(target.Url!.OriginalString.Length * 3);
        try
        {
            url.Append(target.Url.OriginalString);
            return VerifyHmacSha256(keys, url.Written, body, received);
        }
        finally
        {
            url.Dispose();
        }
    }

    /// <inheritdoc />
    /// <remarks>The event is the body's top-level <c>type</c> (<c>payment.created</c>), the delivery its <c>event_id</c>.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) =>
        new(TopLevelJsonString.TryRead(body, "type"u8), TopLevelJsonString.TryRead(body, "event_id"u8));

    /// <inheritdoc />
    /// <remarks>The signed body's top-level <c>event_id</c>; a body without one is identified by the URL and the body, what the MAC covers.</remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result, WebhookRequestTarget target)
    {
        if (TopLevelJsonString.TryRead(body, "event_id"u8) is { Length: > 0 } id)
        {
            return WebhookDeliveryId.FromSignedId(id);
        }

        var url = new SignedContentBuffer(256);
        try
        {
            url.Append(target.Url?.OriginalString);
            return WebhookDeliveryId.FromSignedContent(url.Written, body);
        }
        finally
        {
            url.Dispose();
        }
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged; the URL must be the notification URL the receiver verifies with.</remarks>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        var url = EnsureCanSign(keys, target);
        var headers = new WebhookHeaders { { SignatureHeaderName, CreateSignatureHeader(url, body, keys.GetKey(0)) } };
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
