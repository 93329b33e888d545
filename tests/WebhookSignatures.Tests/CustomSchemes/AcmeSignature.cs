using System.Globalization;

namespace WebhookSignatures.Tests.CustomSchemes;

/// <summary>
/// A made-up sender's scheme written against the public API only, as the README shows:
/// <c>X-Acme-Signature: ts=&lt;unix s&gt;;mac=&lt;base64 HMAC-SHA256 of "&lt;ts&gt;.&lt;body&gt;"&gt;</c>.
/// </summary>
public sealed class AcmeSignature(WebhookSchemeOptions? options = null) : WebhookScheme("acme", options)
{
    public const string HeaderName = "X-Acme-Signature";

    public override IReadOnlyList<string> HeaderNames { get; } = [HeaderName];

    public override bool SignsTimestamp => true;

    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.IsEmpty)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.NoSecrets);
        }

        ReadOnlySpan<char> header = headers.GetValue(HeaderName);
        if (header.IsEmpty)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MissingSignature);
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

        Span<byte> prefix = stackalloc byte[21];
        (timestampMs / 1000).TryFormat(prefix, out var length, default, CultureInfo.InvariantCulture);
        prefix[length++] = (byte)'.';
        var keyIndex = WebhookHmac.FindMatchingKey(keys, prefix[..length], body, mac, out var digest);
        if (keyIndex < 0)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch);
        }

        var window = CheckTimestamp(timestampMs);
        return window == WebhookFailureReason.None
            ? WebhookVerificationResult.Success(keyIndex, digest, timestampMs)
            : WebhookVerificationResult.TimestampFailure(window, keyIndex, timestampMs);
    }

    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var seconds = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeSeconds();
        Span<byte> mac = stackalloc byte[WebhookHmac.Sha256Length];
        WebhookHmac.ComputeSha256(keys.GetKey(0), System.Text.Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + "."), body, mac);
        var headers = new WebhookHeaders { { HeaderName, $"ts={seconds};mac={Convert.ToBase64String(mac)}" } };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000);
    }
}
