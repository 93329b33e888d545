using System.Globalization;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Infisical;

/// <summary>
/// Infisical PKI and alerting webhooks: <c>x-infisical-signature: t=&lt;unix ms&gt;,v1=&lt;hex&gt;</c>, the hex
/// HMAC-SHA256 of <c>&lt;ms&gt;.&lt;body&gt;</c> keyed with the secret's UTF-8 bytes. The bodies are CloudEvents.
/// </summary>
/// <remarks>
/// <para>The header name is the one <see cref="InfisicalSignature"/> (project webhooks) uses, with another format:
/// each scheme returns <see cref="WebhookFailureReason.MalformedSignature"/> for the other's header, so configure
/// the one that matches the webhook you created. The timestamp is inside the MAC, so it is checked directly
/// against the two-sided replay window. Several <c>v1</c> entries are all tried.</para>
/// <para>One secret may serve both kinds: the MAC here covers bytes that begin with an ASCII digit (the
/// timestamp), and <see cref="InfisicalSignature"/> accepts a MAC only over a body whose first byte after JSON
/// whitespace is <c>{</c>, so a delivery of one kind can never be turned into an accepted delivery of the other.</para>
/// </remarks>
public sealed class InfisicalAlertSignature : WebhookScheme
{
    /// <summary>The signature header (shared with project webhooks).</summary>
    public const string HeaderName = InfisicalSignature.HeaderName;

    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "infisical-alerts";

    private static readonly string[] Headers = [HeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public InfisicalAlertSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static InfisicalAlertSignature Default { get; } = new();

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

    /// <summary>Verifies a delivery from its <c>x-infisical-signature</c> value and raw body.</summary>
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
        var parsed = V1SignatureList.Parse(signatureHeader, WebhookTimestampUnit.Milliseconds, candidates, out var timestampUnixMs, out var count);
        if (parsed != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(parsed);
        }

        Span<byte> prefix = stackalloc byte[24];
        var prefixLength = V1SignatureList.WritePrefix(timestampUnixMs, prefix);
        return CheckTimestamp(VerifyHmacSha256(keys, prefix[..prefixLength], body, candidates[..(count * HmacSha256.Length)]), timestampUnixMs);
    }

    /// <inheritdoc />
    /// <remarks>The event is the CloudEvent's <c>type</c>; the delivery id is its <c>id</c>.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) =>
        new(TopLevelJsonString.TryRead(body, "type"u8), TopLevelJsonString.TryRead(body, "id"u8));

    /// <inheritdoc />
    /// <remarks>
    /// The CloudEvents <c>id</c> of the signed body; a body without one is identified by what the MAC covers,
    /// <c>&lt;ms&gt;.&lt;body&gt;</c>.
    /// </remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result) =>
        V1SignatureList.Identify(body, result, WebhookTimestampUnit.Milliseconds);

    /// <summary>Signs a body: the body is sent unchanged with <c>x-infisical-signature: t=&lt;ms&gt;,v1=&lt;hex&gt;</c>.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">The time to sign; now when <see langword="null"/>.</param>
    /// <param name="messageId">Ignored: the scheme signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var unixMs = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeMilliseconds();
        var headers = new WebhookHeaders { { HeaderName, CreateHeader(unixMs, body, keys.GetKey(0)) } };
        return new SignedWebhook(body.ToArray(), headers, unixMs);
    }

    /// <summary>Computes the header value <c>t=&lt;ms&gt;,v1=&lt;hex&gt;</c> for a body.</summary>
    /// <param name="timestampUnixMs">The time to sign, in Unix milliseconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateHeader(long timestampUnixMs, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixMs);
        Span<byte> prefix = stackalloc byte[24];
        var prefixLength = V1SignatureList.WritePrefix(timestampUnixMs, prefix);
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..prefixLength], body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={timestampUnixMs},v1={Hex.ToLower(mac)}");
    }
}
