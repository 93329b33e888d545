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
public sealed class LinearSignature : SingleHeaderWebhookScheme
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

    /// <summary>Linear's replay window: one minute either side of the clock.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(1);

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance and clock; <see cref="DefaultTolerance"/> and the system clock when <see langword="null"/>.</param>
    public LinearSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, options ?? new WebhookSchemeOptions { Tolerance = DefaultTolerance })
    {
    }

    /// <summary>The scheme with default settings: 60 seconds of tolerance, the system clock.</summary>
    public static LinearSignature Default { get; } = new();

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    protected override WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        Span<byte> received = stackalloc byte[HmacSha256.Length];
        if (!Hex.TryDecode(signatureHeader, received))
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        var matched = VerifyHmacSha256(keys, default, body, received);
        if (!matched.IsValid)
        {
            return matched;
        }

        return TopLevelJsonInteger.TryReadSingle(body, "webhookTimestamp"u8, out var signedTimestamp) && signedTimestamp >= 0
            ? CheckTimestamp(matched, signedTimestamp)
            : WebhookVerificationResult.Failure(WebhookFailureReason.TimestampNotSigned);
    }

    /// <inheritdoc />
    /// <remarks>The event from <c>Linear-Event</c> and the id from <c>Linear-Delivery</c>, both unsigned.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new(headers.GetValue(EventHeaderName), headers.GetValue(DeliveryIdHeaderName));
    }

    /// <summary>
    /// Signs a JSON object body that carries its own <c>webhookTimestamp</c>, as Linear's bodies do; the body is sent
    /// unchanged with <c>Linear-Signature</c>.
    /// </summary>
    /// <param name="body">A JSON object with a numeric top-level <c>webhookTimestamp</c> (Unix milliseconds).</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">Ignored: the signed timestamp is the body's own.</param>
    /// <param name="messageId">Ignored: Linear signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty, or the body has no single numeric <c>webhookTimestamp</c>.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        if (!TopLevelJsonInteger.TryReadSingle(body, "webhookTimestamp"u8, out var signedTimestamp) || signedTimestamp < 0)
        {
            throw new ArgumentException("A Linear body is a JSON object with one numeric top-level \"webhookTimestamp\" (Unix milliseconds).", nameof(body));
        }

        return CreateSignedWebhook(body.ToArray(), CreateSignatureHeader(body, keys.GetKey(0)), signedTimestamp);
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
