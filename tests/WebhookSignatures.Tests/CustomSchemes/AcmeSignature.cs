using System.Globalization;

namespace WebhookSignatures.Tests.CustomSchemes;

/// <summary>
/// A made-up sender's scheme on the public skeleton, as the README shows: only its header, parsing and signed content
/// are its own. <c>X-Acme-Signature: ts=&lt;unix s&gt;;mac=&lt;base64 HMAC-SHA256 of "&lt;ts&gt;.&lt;body&gt;"&gt;</c>.
/// </summary>
public sealed class AcmeSignature(WebhookSchemeOptions? options = null) : WebhookScheme("acme", options)
{
    public const string SignatureHeaderName = "X-Acme-Signature";

    public override IReadOnlyList<string> HeaderNames { get; } = [SignatureHeaderName];

    public override bool SignsTimestamp => true;

    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ReadOnlySpan<char> header = headers.GetValue(SignatureHeaderName);
        if (BeginVerification(keys, ref header) is { } failure)
        {
            return failure;
        }

        // ts=<digits>;mac=<base64 of exactly 32 bytes>; anything else is malformed.
        var semicolon = header.IndexOf(';');
        Span<byte> mac = stackalloc byte[WebhookHmac.Sha256Length];
        if (semicolon < 3 || !header.StartsWith("ts=") || !header[(semicolon + 1)..].StartsWith("mac=")
            || !TryParseTimestamp(header[3..semicolon], WebhookTimestampUnit.Seconds, out var timestampMs)
            || !Convert.TryFromBase64Chars(header[(semicolon + 5)..], mac, out var written) || written != mac.Length)
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
        return new SignedWebhook(body.ToArray(), new WebhookHeaders { { SignatureHeaderName, header } }, seconds * 1000);
    }
}
