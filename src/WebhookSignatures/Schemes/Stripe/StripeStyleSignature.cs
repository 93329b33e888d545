using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// Stripe-style signatures: one header <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c>, each <c>v1</c> the
/// hex HMAC-SHA256 of <c>&lt;t&gt;.&lt;body&gt;</c> keyed with the secret's UTF-8 bytes. <see cref="StripeSignature"/>
/// writes <c>t</c> in seconds and <see cref="Infisical.InfisicalAlertsSignature"/> in milliseconds;
/// <see cref="Paddle.PaddleSignature"/> writes <c>ts=&lt;s&gt;;h1=&lt;hex&gt;</c> over <c>&lt;ts&gt;:&lt;body&gt;</c>. The
/// senders differ only in that unit, the header's name and punctuation, and the body members naming the event and the delivery.
/// </summary>
/// <remarks>
/// Every signature item is tried (a sender rolling its secret sends one per secret); other keys (Stripe's <c>v0</c>) are
/// ignored. A header without one is <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>; a missing or repeated
/// timestamp, an empty item or more than 16 items is <see cref="WebhookFailureReason.MalformedSignature"/>. The
/// timestamp is inside the MAC, so the two-sided replay window applies to it directly.
/// </remarks>
public abstract class StripeStyleSignature : SingleHeaderWebhookScheme
{
    private readonly WebhookTimestampUnit _unit;
    private readonly StripeStyleFormat _format;
    private readonly byte[] _eventPropertyName;
    private readonly byte[] _idPropertyName;
    private readonly byte[]? _idScopePropertyName;

    private protected StripeStyleSignature(
        string name,
        string signatureHeaderName,
        WebhookTimestampUnit unit,
        string eventPropertyName,
        string idPropertyName,
        string? idScopePropertyName,
        WebhookSchemeOptions? options)
        : this(name, signatureHeaderName, StripeStyleFormat.Stripe, unit, eventPropertyName, idPropertyName, idScopePropertyName, options)
    {
    }

    private protected StripeStyleSignature(
        string name,
        string signatureHeaderName,
        StripeStyleFormat format,
        WebhookTimestampUnit unit,
        string eventPropertyName,
        string idPropertyName,
        string? idScopePropertyName,
        WebhookSchemeOptions? options)
        : base(name, signatureHeaderName, options)
    {
        _unit = unit;
        _format = format;
        _eventPropertyName = Encoding.UTF8.GetBytes(eventPropertyName);
        _idPropertyName = Encoding.UTF8.GetBytes(idPropertyName);
        _idScopePropertyName = idScopePropertyName is null ? null : Encoding.UTF8.GetBytes(idScopePropertyName);
    }

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    protected override WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        Span<byte> candidates = stackalloc byte[TimestampedSignatureList.CandidateBufferLength];
        var parsed = TimestampedSignatureList.Parse(signatureHeader, _format, _unit, candidates, out var timestampUnixMs, out var count);
        if (parsed != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(parsed);
        }

        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        var signedPrefix = prefix[..WriteSignedPrefix(_format, UnixTimestamp.FromMilliseconds(timestampUnixMs, _unit), prefix)];
        return CheckTimestamp(VerifyHmacSha256(keys, signedPrefix, body, candidates[..(count * HmacSha256.Length)]), timestampUnixMs);
    }

    /// <inheritdoc />
    /// <remarks>The event and the delivery id are top-level strings of the body, such as Stripe's and CloudEvents' <c>type</c> and <c>id</c>.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body) =>
        new(TopLevelJsonString.TryRead(body, _eventPropertyName), TopLevelJsonString.TryRead(body, _idPropertyName));

    /// <inheritdoc />
    /// <remarks>
    /// The signed body's top-level id (Stripe's <c>evt_…</c>; a CloudEvents <c>id</c> together with its <c>source</c>, since
    /// CloudEvents ids are unique only within their source), which the sender keeps when it retries under a new <c>t</c>
    /// and signature; a body without one is identified by what the MAC covers, <c>&lt;t&gt;.&lt;body&gt;</c>.
    /// </remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result)
    {
        if (TopLevelJsonString.TryRead(body, _idPropertyName) is { Length: > 0 } id)
        {
            if (_idScopePropertyName is null)
            {
                return WebhookDeliveryId.FromSignedId(id);
            }

            // The scope's length first, so no id can spell out another scope and id.
            var scope = TopLevelJsonString.TryRead(body, _idScopePropertyName) ?? string.Empty;
            return WebhookDeliveryId.FromSignedId(string.Create(CultureInfo.InvariantCulture, $"{scope.Length}:{scope}:{id}"));
        }

        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        var length = WriteSignedPrefix(_format, UnixTimestamp.FromMilliseconds(result.TimestampUnixMs.GetValueOrDefault(), _unit), prefix);
        return WebhookDeliveryId.FromSignedContent(prefix[..length], body);
    }

    /// <summary>Signs a body: it is sent unchanged with <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;</c> (in the sender's format) in the signature header.</summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">The time to sign, in the sender's unit (seconds are truncated); now when <see langword="null"/>.</param>
    /// <param name="messageId">Ignored: the scheme signs no delivery id.</param>
    /// <exception cref="ArgumentException">The ring is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var written = UnixTimestamp.FromTime(timestamp ?? TimeProvider.GetUtcNow(), _unit);
        return CreateSignedWebhook(body.ToArray(), FormatSignatureHeader(_format, written, body, keys.GetKey(0), nameof(timestamp)), UnixTimestamp.ToMilliseconds(written, _unit));
    }

    /// <summary>Computes <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;</c> in <paramref name="format"/>, the timestamp written as the sender writes it.</summary>
    private protected static string FormatSignatureHeader(
        StripeStyleFormat format, long timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key, [CallerArgumentExpression(nameof(timestamp))] string? paramName = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp, paramName);
        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..WriteSignedPrefix(format, timestamp, prefix)], body, mac);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{format.TimestampKey}={timestamp}{format.ItemSeparator}{format.SignatureKey}={Hex.ToLower(mac)}");
    }

    /// <summary>Writes what the sender signs before the body: the timestamp and the format's separator.</summary>
    private static int WriteSignedPrefix(StripeStyleFormat format, long timestamp, Span<byte> destination)
    {
        var length = WriteTimestampPrefix(timestamp, destination);
        destination[length - 1] = format.SignedSeparator;
        return length;
    }
}
