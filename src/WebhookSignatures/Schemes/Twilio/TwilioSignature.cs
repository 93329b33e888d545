using System.Security.Cryptography;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Schemes.RequestSigning;

namespace WebhookSignatures.Schemes.Twilio;

/// <summary>
/// Twilio: <c>X-Twilio-Signature: &lt;base64 HMAC-SHA1&gt;</c> over the full URL Twilio called followed by the form
/// parameters of the body, sorted by name, each written as name then value. The key is the account's auth token
/// (its UTF-8 bytes), or a Webhooks Rule's shared key when <c>X-Twilio-Webhooks-Signature-Settings</c> is sent; that
/// header's <c>algorithm=HMAC_SHA256</c> switches the MAC to HMAC-SHA256.
/// </summary>
/// <remarks>
/// <para>A JSON delivery carries <c>bodySHA256=&lt;hex SHA-256 of the body&gt;</c> in its URL: the MAC covers the URL
/// alone and the body must hash to that value (compared in constant time), or the result is
/// <see cref="WebhookFailureReason.SignatureMismatch"/>.</para>
/// <para>The URL is tried as given and with the default port added or removed (<c>:443</c>, <c>:80</c>), as Twilio's own
/// validators do, since a proxy or a framework may report either. Repeated parameters are sorted by value, and an
/// identical name and value pair counts once, as Twilio's libraries write them. The MAC covers the decoded parameters,
/// not the body's bytes: a body with the same parameters in another order or encoding verifies too.</para>
/// <para>No timestamp is signed, so a captured delivery stays valid: pair it with exactly-once handling.</para>
/// </remarks>
public sealed class TwilioSignature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "twilio";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "X-Twilio-Signature";

    /// <summary>The header a Webhooks Rule adds, naming its key and algorithm (<c>key=…,algorithm=HMAC_SHA256</c>); not signed.</summary>
    public const string SignatureSettingsHeaderName = "X-Twilio-Webhooks-Signature-Settings";

    /// <summary>The header carrying Twilio's idempotency token for the delivery; not signed.</summary>
    public const string IdempotencyTokenHeaderName = "I-Twilio-Idempotency-Token";

    private static readonly string[] Headers = [SignatureHeaderName, SignatureSettingsHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">The clock; the tolerance is unused, as the signature covers no timestamp.</param>
    public TwilioSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: the system clock.</summary>
    public static TwilioSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => false;

    /// <inheritdoc />
    public override bool SignsRequestTarget => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is what the MAC covered, in the form that verified: the URL (with or without its default port, as
    /// it matched) and the sorted parameters, so a delivery replayed under the other spelling of its URL is the same
    /// delivery. A JSON delivery's URL carries the body's hash, which verification checked. Twilio names no event; the
    /// delivery id is <c>I-Twilio-Idempotency-Token</c>, which is not signed.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        if (!context.TryGetHeader(SignatureHeaderName, out var signature))
        {
            return;
        }

        var algorithm = TwilioSignatureSettings.ReadAlgorithm(context.Headers.GetValue(SignatureSettingsHeaderName), out var sha256);
        if (algorithm != WebhookFailureReason.None)
        {
            context.Fail(algorithm);
            return;
        }

        Span<byte> received = stackalloc byte[sha256 ? HmacSha256.Length : HmacSha1.Length];
        var url = context.Target.Url!.OriginalString;
        var hasBodyHash = TwilioRequestUrl.TryGetBodyHash(url, out var bodyHashHex);
        Span<byte> bodyHash = stackalloc byte[SHA256.HashSizeInBytes];
        if (!context.TryDecodeBase64(signature, received) || (hasBodyHash && !context.TryDecodeHex(bodyHashHex, bodyHash)))
        {
            return;
        }

        var parameters = new SignedContentBuffer(context.Body.Length);
        var signedUrl = new SignedContentBuffer(url.Length * 3);
        try
        {
            if (!hasBodyHash)
            {
                TwilioFormParameters.Append(context.Body, ref parameters);
            }

            signedUrl.Append(url);
            if (!Match(ref context, sha256, signedUrl.Written, parameters.Written, received))
            {
                signedUrl.Truncate(0);
                if (!TwilioRequestUrl.TryWriteOtherPortForm(url, ref signedUrl) || !Match(ref context, sha256, signedUrl.Written, parameters.Written, received))
                {
                    return;
                }
            }
        }
        finally
        {
            signedUrl.Dispose();
            parameters.Dispose();
        }

        if (hasBodyHash && !BodyMatches(context.Body, bodyHash))
        {
            context.Fail(WebhookFailureReason.SignatureMismatch);
            return;
        }

        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(null, false, context.Headers.GetValue(IdempotencyTokenHeaderName), false));
        }
    }

    /// <summary>
    /// Signs a delivery as Twilio does, with HMAC-SHA1: the body (form parameters, or JSON when the URL carries its
    /// <c>bodySHA256</c>, see <see cref="AddBodyHash"/>) is sent unchanged.
    /// </summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets (auth tokens); the first one signs.</param>
    /// <param name="parameters">The method and URL the delivery is sent to; Twilio signs no timestamp and no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty, there is no target, or the URL's <c>bodySHA256</c> is not the body's.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var headers = new WebhookHeaders { { SignatureHeaderName, CreateSignatureHeader(parameters.Target.Url!, body, SigningSecret(keys)) } };
        return new SignedWebhook(body.ToArray(), headers, null);
    }

    /// <summary>Computes <c>X-Twilio-Signature</c> (HMAC-SHA1) for a delivery to <paramref name="url"/>.</summary>
    /// <param name="url">The URL Twilio calls, exactly as configured.</param>
    /// <param name="body">The exact body: form parameters, or JSON when the URL carries its <c>bodySHA256</c>.</param>
    /// <param name="key">The auth token's bytes.</param>
    /// <exception cref="ArgumentException">The URL's <c>bodySHA256</c> is malformed or is not the body's.</exception>
    public static string CreateSignatureHeader(Uri url, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.OriginalString;
        var hasBodyHash = TwilioRequestUrl.TryGetBodyHash(text, out var bodyHashHex);
        Span<byte> bodyHash = stackalloc byte[SHA256.HashSizeInBytes];
        if (hasBodyHash && (!Hex.TryDecode(bodyHashHex, bodyHash) || !BodyMatches(body, bodyHash)))
        {
            throw new ArgumentException("The URL's bodySHA256 is not the hex SHA-256 of the body.", nameof(url));
        }

        var signed = new SignedContentBuffer(text.Length * 3);
        var parameters = new SignedContentBuffer(body.Length);
        try
        {
            signed.Append(text);
            if (!hasBodyHash)
            {
                TwilioFormParameters.Append(body, ref parameters);
            }

            Span<byte> mac = stackalloc byte[HmacSha1.Length];
            HmacSha1.Compute(key, signed.Written, parameters.Written, mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            parameters.Dispose();
            signed.Dispose();
        }
    }

    /// <summary>
    /// Returns <paramref name="url"/> with <c>bodySHA256=&lt;hex SHA-256 of the body&gt;</c> added to its query, as
    /// Twilio sends a JSON body.
    /// </summary>
    /// <param name="url">The URL to send to.</param>
    /// <param name="body">The exact JSON body.</param>
    public static Uri AddBodyHash(Uri url, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(url);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        var text = url.OriginalString;
        var separator = text.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(text + separator + "bodySHA256=" + Hex.ToLower(hash), UriKind.Absolute);
    }

    private static bool Match(ref WebhookVerificationContext context, bool sha256, scoped ReadOnlySpan<byte> url, scoped ReadOnlySpan<byte> parameters, scoped ReadOnlySpan<byte> received) =>
        sha256 ? context.MatchHmacSha256(url, parameters, default, received) : context.MatchHmacSha1(url, parameters, received);

    private static bool BodyMatches(ReadOnlySpan<byte> body, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
