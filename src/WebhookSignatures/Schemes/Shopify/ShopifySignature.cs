using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Shopify;

/// <summary>
/// Shopify: <c>X-Shopify-Hmac-Sha256: &lt;base64 HMAC-SHA256 of the raw body&gt;</c>, keyed with the app's client secret
/// (or the webhook signing secret shown in the admin), its UTF-8 bytes. The topic is in <c>X-Shopify-Topic</c>, the
/// delivery id in <c>X-Shopify-Webhook-Id</c>; neither is signed.
/// </summary>
/// <remarks>
/// No timestamp is signed, so a captured delivery stays valid: pair it with exactly-once handling. A delivery is recognised
/// by its body, what the MAC covers, since <c>X-Shopify-Webhook-Id</c> could be changed by anyone replaying it.
/// </remarks>
public sealed class ShopifySignature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "shopify";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "X-Shopify-Hmac-Sha256";

    /// <summary>The header naming the topic, such as <c>orders/create</c>; not signed.</summary>
    public const string TopicHeaderName = "X-Shopify-Topic";

    /// <summary>The header carrying Shopify's id for the delivery; not signed.</summary>
    public const string WebhookIdHeaderName = "X-Shopify-Webhook-Id";

    private static readonly string[] Headers = [SignatureHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public ShopifySignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static ShopifySignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    /// <remarks>The identity is the body, what the MAC covers; the topic and webhook id come from unsigned headers.</remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (context.TryGetHeader(SignatureHeaderName, out var header) && context.TryDecodeBase64(header, received)
            && context.MatchHmacSha256(default, received) && context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(context.Headers.GetValue(TopicHeaderName), false, context.Headers.GetValue(WebhookIdHeaderName), false));
        }
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged with the base64 signature header.</remarks>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
        new(body.ToArray(), new WebhookHeaders { { SignatureHeaderName, CreateSignatureHeader(body, SigningSecret(keys)) } }, null);

    /// <summary>Computes the signature header value, the base64 HMAC-SHA256 of the body.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    public static string CreateSignatureHeader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, body, mac);
        return Convert.ToBase64String(mac);
    }
}
