using System.Globalization;

namespace WebhookSignatures.Tests.CustomSchemes;

/// <summary>
/// A made-up sender's scheme on the public skeleton, as the README shows: only its header, parsing and signed content
/// are its own. <c>X-Acme-Signature: ts=&lt;unix s&gt;;mac=&lt;base64 HMAC-SHA256 of "&lt;ts&gt;.&lt;body&gt;"&gt;</c>.
/// </summary>
public sealed class AcmeSignature(WebhookSchemeOptions? options = null) : SingleHeaderWebhookScheme("acme", SignatureHeaderName, options)
{
    public const string SignatureHeaderName = "X-Acme-Signature";

    public override bool SignsTimestamp => true;

    protected override WebhookVerificationResult VerifyCore(ReadOnlySpan<char> signatureHeader, ReadOnlySpan<byte> body, KeyRing keys)
    {
        // ts=<digits>;mac=<base64 of exactly 32 bytes>; anything else is malformed.
        var semicolon = signatureHeader.IndexOf(';');
        Span<byte> mac = stackalloc byte[WebhookHmac.Sha256Length];
        if (semicolon < 3 || !signatureHeader.StartsWith("ts=") || !signatureHeader[(semicolon + 1)..].StartsWith("mac=")
            || !TryParseTimestamp(signatureHeader[3..semicolon], WebhookTimestampUnit.Seconds, out var timestampMs)
            || !Convert.TryFromBase64Chars(signatureHeader[(semicolon + 5)..], mac, out var written) || written != mac.Length)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        var signed = prefix[..WriteTimestampPrefix(timestampMs / 1000, prefix)];
        return CheckTimestamp(VerifyHmacSha256(keys, signed, body, mac), timestampMs);
    }

    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var seconds = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeSeconds();
        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        Span<byte> mac = stackalloc byte[WebhookHmac.Sha256Length];
        WebhookHmac.ComputeSha256(keys.GetKey(0), prefix[..WriteTimestampPrefix(seconds, prefix)], body, mac);
        var header = string.Create(CultureInfo.InvariantCulture, $"ts={seconds};mac={Convert.ToBase64String(mac)}");
        return CreateSignedWebhook(body.ToArray(), header, seconds * 1000);
    }
}
