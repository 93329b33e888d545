using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// Hub signatures: one header carrying <c>sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>, keyed with the secret's
/// UTF-8 bytes. <see cref="SnykSignature"/> sends it as <c>X-Hub-Signature</c>, <see cref="GitHubSignature"/> as
/// <c>X-Hub-Signature-256</c>; the senders differ only in their header names.
/// </summary>
/// <remarks>
/// <para>The signature covers no timestamp, so a captured delivery stays valid forever: pair it with replay
/// protection (the ASP.NET Core package's delivery store) and rotate secrets that may have leaked.</para>
/// <para>A label of another algorithm (<c>sha1=</c>, <c>sha512=</c>) is <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>;
/// anything but <c>sha256=</c> and 64 hex digits is <see cref="WebhookFailureReason.MalformedSignature"/>.</para>
/// </remarks>
public abstract class HubSignature : SingleHeaderWebhookScheme
{
    private const string Prefix = "sha256=";

    private readonly string _eventHeaderName;
    private readonly string _deliveryIdHeaderName;

    private protected HubSignature(string name, string signatureHeaderName, string eventHeaderName, string deliveryIdHeaderName, WebhookSchemeOptions? options)
        : base(name, signatureHeaderName, options)
    {
        _eventHeaderName = eventHeaderName;
        _deliveryIdHeaderName = deliveryIdHeaderName;
    }

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    protected override WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        var parsed = HubSignatureHeader.Parse(signatureHeader, Prefix, received);
        return parsed == WebhookFailureReason.None
            ? VerifyHmacSha256(keys, default, body, received)
            : WebhookVerificationResult.Failure(parsed);
    }

    /// <inheritdoc />
    /// <remarks>The event and delivery id headers are read as sent: Snyk's <c>X-Snyk-Event</c> (<c>project_snapshot/v0</c>) keeps its version.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new(headers.GetValue(_eventHeaderName), headers.GetValue(_deliveryIdHeaderName));
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged; no timestamp or id is signed.</remarks>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        return CreateSignedWebhook(body.ToArray(), CreateSignatureHeader(body, keys.GetKey(0)), null);
    }

    /// <summary>Computes the signature header value <c>sha256=&lt;hex&gt;</c> for a body, the same for every hub sender.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    public static string CreateSignatureHeader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, body, mac);
        return Prefix + Hex.ToLower(mac);
    }
}
