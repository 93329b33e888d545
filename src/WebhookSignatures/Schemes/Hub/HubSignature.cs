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
public abstract class HubSignature : WebhookScheme
{
    private const string Prefix = "sha256=";

    private readonly string[] _headerNames;
    private readonly string _eventHeaderName;
    private readonly string _deliveryIdHeaderName;

    private protected HubSignature(string name, string signatureHeaderName, string eventHeaderName, string deliveryIdHeaderName, WebhookSchemeOptions? options)
        : base(name, options)
    {
        _headerNames = [signatureHeaderName];
        _eventHeaderName = eventHeaderName;
        _deliveryIdHeaderName = deliveryIdHeaderName;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => _headerNames;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <summary>Computes the signature header value, <c>sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    public static string CreateSignatureHeader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, body, mac);
        return Prefix + Hex.ToLower(mac);
    }

    /// <inheritdoc />
    /// <remarks>The identity is the body, what the MAC covers; the event and delivery id come from unsigned headers.</remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(_headerNames[0], out var header) || !HubSignatureHeader.TryParse(ref context, header, Prefix, received)
            || !context.MatchHmacSha256(default, received))
        {
            return;
        }

        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(context.Headers.GetValue(_eventHeaderName), false, context.Headers.GetValue(_deliveryIdHeaderName), false));
        }
    }

    /// <inheritdoc />
    /// <remarks>The body is sent unchanged with the one signature header.</remarks>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
        new(body.ToArray(), new WebhookHeaders { { _headerNames[0], CreateSignatureHeader(body, SigningSecret(keys)) } }, null);
}
