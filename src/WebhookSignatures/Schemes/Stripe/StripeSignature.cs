using System.Globalization;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// Stripe-style signatures: <c>Stripe-Signature: t=&lt;unix s&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c>, each <c>v1</c>
/// a hex HMAC-SHA256 of <c>&lt;t&gt;.&lt;body&gt;</c> keyed with the secret's UTF-8 bytes (the whole string,
/// <c>whsec_</c> included; nothing is decoded).
/// </summary>
/// <remarks>
/// Every <c>v1</c> is tried (a sender rolling its secret sends one per secret); <c>v0</c> and other keys are
/// ignored. A header without <c>v1</c> is <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>; a missing or
/// repeated <c>t</c>, an empty item or more than 16 items is <see cref="WebhookFailureReason.MalformedSignature"/>.
/// The replay window is two-sided.
/// </remarks>
public sealed class StripeSignature : WebhookScheme
{
    /// <summary>The signature header.</summary>
    public const string HeaderName = "Stripe-Signature";

    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "stripe";

    private static readonly string[] Headers = [HeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public StripeSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static StripeSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers.GetValue(HeaderName), body, keys);
    }

    /// <summary>Verifies a delivery from its <c>Stripe-Signature</c> value and raw body.</summary>
    /// <param name="signatureHeader">The header value; empty means missing.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first.</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        if (BeginVerification(keys, ref signatureHeader) is { } failure)
        {
            return failure;
        }

        Span<byte> candidates = stackalloc byte[V1SignatureList.CandidateBufferLength];
        var parsed = V1SignatureList.Parse(signatureHeader, WebhookTimestampUnit.Seconds, candidates, out var timestampUnixMs, out var count);
        if (parsed != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(parsed);
        }

        Span<byte> prefix = stackalloc byte[24];
        var prefixLength = V1SignatureList.WritePrefix(timestampUnixMs / 1000, prefix);
        return CheckTimestamp(VerifyHmacSha256(keys, prefix[..prefixLength], body, candidates[..(count * HmacSha256.Length)]), timestampUnixMs);
    }

    /// <inheritdoc />
    /// <remarks>The event is the body's top-level <c>type</c> (<c>invoice.paid</c>); the delivery id is its <c>id</c> (<c>evt_…</c>).</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) =>
        new(TopLevelJsonString.TryRead(body, "type"u8), TopLevelJsonString.TryRead(body, "id"u8));

    /// <inheritdoc />
    /// <remarks>
    /// The body's top-level <c>id</c> (<c>evt_…</c>), which Stripe keeps when it retries an event under a new <c>t</c>
    /// and signature; a body without one is identified by what the MAC covers, <c>&lt;t&gt;.&lt;body&gt;</c>.
    /// </remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result) =>
        V1SignatureList.Identify(body, result, WebhookTimestampUnit.Seconds);

    /// <summary>Signs a body: the body is sent unchanged with <c>Stripe-Signature: t=&lt;s&gt;,v1=&lt;hex&gt;</c>.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">The time to sign, truncated to whole seconds; now when <see langword="null"/>.</param>
    /// <param name="messageId">Ignored: the scheme signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var seconds = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeSeconds();
        var headers = new WebhookHeaders { { HeaderName, CreateHeader(seconds, body, keys.GetKey(0)) } };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000);
    }

    /// <summary>Computes the header value <c>t=&lt;s&gt;,v1=&lt;hex&gt;</c> for a body.</summary>
    /// <param name="timestampUnixSeconds">The time to sign, in Unix seconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes (the UTF-8 bytes of the whole secret string).</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateHeader(long timestampUnixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixSeconds);
        Span<byte> prefix = stackalloc byte[24];
        var prefixLength = V1SignatureList.WritePrefix(timestampUnixSeconds, prefix);
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..prefixLength], body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={timestampUnixSeconds},v1={Hex.ToLower(mac)}");
    }
}
