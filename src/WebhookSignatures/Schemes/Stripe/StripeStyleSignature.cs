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
public abstract class StripeStyleSignature : WebhookScheme
{
    private readonly string[] _headerNames;
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
        : base(name, options)
    {
        _headerNames = [signatureHeaderName];
        _unit = unit;
        _format = format;
        _eventPropertyName = Encoding.UTF8.GetBytes(eventPropertyName);
        _idPropertyName = Encoding.UTF8.GetBytes(idPropertyName);
        _idScopePropertyName = idScopePropertyName is null ? null : Encoding.UTF8.GetBytes(idScopePropertyName);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => _headerNames;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is the signed body's id (scoped by its source for CloudEvents), which the sender keeps across
    /// re-signed retries; a body without one is identified by <c>&lt;t&gt;.&lt;body&gt;</c>, what the MAC covers.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> candidates = stackalloc byte[TimestampedSignatureList.CandidateBufferLength];
        if (!context.TryGetHeader(_headerNames[0], out var header))
        {
            return;
        }

        var parsed = TimestampedSignatureList.Parse(header, _format, _unit, candidates, out var timestampUnixMs, out var count);
        if (parsed != WebhookFailureReason.None)
        {
            context.Fail(parsed);
            return;
        }

        if (context.Wants(WebhookReadParts.Identity))
        {
            IdentifyBySignedId(ref context);
        }

        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        var signedPrefix = prefix[..WriteSignedPrefix(_format, UnixTimestamp.FromMilliseconds(timestampUnixMs, _unit), prefix)];
        if (!context.MatchHmacSha256(signedPrefix, candidates[..(count * HmacSha256.Length)]))
        {
            return;
        }

        context.CheckTimestamp(timestampUnixMs);
        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(TopLevelJsonString.TryRead(context.Body, _eventPropertyName), true, TopLevelJsonString.TryRead(context.Body, _idPropertyName), true));
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The body is sent unchanged with <c>t=&lt;now&gt;,v1=&lt;hex&gt;</c> (or the sender's punctuation), one signature
    /// item per signing key: the current key, and during a rotation the previous one too
    /// (<see cref="KeyRing.WithPreviousKeySigningUntil"/>), as the sender does while a secret is being rolled.
    /// </remarks>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var written = UnixTimestamp.FromTime(parameters.Timestamp!.Value, _unit);
        var header = new StringBuilder(FormatSignatureHeader(_format, written, body, SigningSecret(keys), nameof(parameters)));
        for (var i = 1; i < keys.GetSigningKeyCount(parameters.Timestamp.Value); i++)
        {
            if (keys.GetKind(i) != WebhookKeyKind.Secret)
            {
                throw new ArgumentException($"Key {i} of the key ring signs but is an {keys.GetKind(i)}, not a secret: it cannot sign an HMAC.", nameof(keys));
            }

            header.Append(_format.ItemSeparator).Append(_format.SignatureKey).Append('=').Append(ComputeSignature(_format, written, body, keys.GetKey(i)));
        }

        return new SignedWebhook(body.ToArray(), new WebhookHeaders { { _headerNames[0], header.ToString() } }, UnixTimestamp.ToMilliseconds(written, _unit));
    }

    /// <summary>Computes <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;</c> in <paramref name="format"/>, the timestamp written as the sender writes it.</summary>
    private protected static string FormatSignatureHeader(
        StripeStyleFormat format, long timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key, [CallerArgumentExpression(nameof(timestamp))] string? paramName = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp, paramName);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{format.TimestampKey}={timestamp}{format.ItemSeparator}{format.SignatureKey}={ComputeSignature(format, timestamp, body, key)}");
    }

    // The hex HMAC-SHA256 of what the sender signs: the timestamp, the format's separator and the body.
    private static string ComputeSignature(StripeStyleFormat format, long timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..WriteSignedPrefix(format, timestamp, prefix)], body, mac);
        return Hex.ToLower(mac);
    }

    // The signed body's id, which the sender keeps when it re-signs a retry; a CloudEvents id with its source (ids are
    // unique only within one), the scope's length first so no id can spell out another scope and id.
    private void IdentifyBySignedId(ref WebhookVerificationContext context)
    {
        if (TopLevelJsonString.TryRead(context.Body, _idPropertyName) is not { Length: > 0 } id)
        {
            return;
        }

        if (_idScopePropertyName is null)
        {
            context.IdentifyBySignedId(id);
            return;
        }

        var scope = TopLevelJsonString.TryRead(context.Body, _idScopePropertyName) ?? string.Empty;
        context.IdentifyBySignedId(string.Create(CultureInfo.InvariantCulture, $"{scope.Length}:{scope}:{id}"));
    }

    // What the sender signs before the body: the timestamp and the format's separator.
    private static int WriteSignedPrefix(StripeStyleFormat format, long timestamp, Span<byte> destination)
    {
        var length = WriteTimestampPrefix(timestamp, destination);
        destination[length - 1] = format.SignedSeparator;
        return length;
    }
}
