using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Linear;

/// <summary>
/// Linear: <c>Linear-Signature: &lt;hex HMAC-SHA256 of the raw body&gt;</c>, keyed with the webhook's signing secret
/// (its UTF-8 bytes). The signed timestamp is the body's top-level <c>webhookTimestamp</c> (Unix milliseconds), which
/// the MAC covers with the rest of the body; Linear asks receivers to refuse it beyond a minute from their clock.
/// </summary>
/// <remarks>
/// <para>A body without exactly one numeric top-level <c>webhookTimestamp</c> fails closed with
/// <see cref="WebhookFailureReason.TimestampNotSigned"/>, even when the MAC matches: a delivery's age must be known.</para>
/// <para>The window is the scheme's tolerance, two-sided; <see cref="DefaultTolerance"/> (60 seconds, Linear's) when
/// the scheme is created without options. A registration sets its own <c>Tolerance</c>; the Linear registration
/// starts from 60 seconds.</para>
/// <para>The event is the <c>Linear-Event</c> header (<c>Issue</c>), the delivery id <c>Linear-Delivery</c>; neither is signed.</para>
/// </remarks>
public sealed class LinearSignature : WebhookScheme
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "linear";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "Linear-Signature";

    /// <summary>The header naming the entity type of the event, such as <c>Issue</c>; not signed.</summary>
    public const string EventHeaderName = "Linear-Event";

    /// <summary>The header carrying Linear's id for the delivery; not signed.</summary>
    public const string DeliveryIdHeaderName = "Linear-Delivery";

    /// <summary>The body member holding the signed timestamp, in Unix milliseconds.</summary>
    public const string TimestampPropertyName = "webhookTimestamp";

    private static readonly string[] Headers = [SignatureHeaderName];

    /// <summary>Linear's replay window: one minute either side of the clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(1);

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance and clock; <see cref="DefaultTolerance"/> and the system clock when <see langword="null"/>.</param>
    public LinearSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options, DefaultTolerance)
    {
    }

    /// <summary>The scheme with default settings: 60 seconds of tolerance, the system clock.</summary>
    public static LinearSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>The identity is the body, what the MAC covers; the event and delivery id come from unsigned headers.</remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!context.TryGetHeader(SignatureHeaderName, out var header) || !context.TryDecodeHex(header, received) || !context.MatchHmacSha256(default, received))
        {
            return;
        }

        if (!TopLevelJsonInteger.TryReadSingle(context.Body, "webhookTimestamp"u8, out var signedTimestamp) || signedTimestamp < 0)
        {
            context.Fail(WebhookFailureReason.TimestampNotSigned);
            return;
        }

        context.CheckTimestamp(signedTimestamp);
        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(context.Headers.GetValue(EventHeaderName), false, context.Headers.GetValue(DeliveryIdHeaderName), false));
        }
    }

    /// <summary>
    /// Signs a JSON object body that carries its own <c>webhookTimestamp</c>, as Linear's bodies do; the body is sent
    /// unchanged with <c>Linear-Signature</c>.
    /// </summary>
    /// <param name="body">A JSON object with a numeric top-level <c>webhookTimestamp</c> (Unix milliseconds).</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="parameters">Unused: the signed timestamp is the body's own, and Linear signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty, or the body has no single numeric <c>webhookTimestamp</c>.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        if (!TopLevelJsonInteger.TryReadSingle(body, "webhookTimestamp"u8, out var signedTimestamp) || signedTimestamp < 0)
        {
            throw new ArgumentException("A Linear body is a JSON object with one numeric top-level \"webhookTimestamp\" (Unix milliseconds).", nameof(body));
        }

        return new SignedWebhook(body.ToArray(), new WebhookHeaders { { SignatureHeaderName, CreateSignatureHeader(body, SigningSecret(keys)) } }, signedTimestamp);
    }

    /// <summary>Computes the signature header value, the lowercase hex HMAC-SHA256 of the body.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    public static string CreateSignatureHeader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, default, body, mac);
        return Hex.ToLower(mac);
    }
}
