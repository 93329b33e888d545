using System.Globalization;

namespace WebhookSignatures.Tests.CustomSchemes;

/// <summary>
/// A made-up sender's scheme on the public toolkit, as docs/schemes/custom.md shows it: only its header, parsing and
/// signed content are its own. <c>X-Acme-Signature: ts=&lt;unix s&gt;;mac=&lt;base64 HMAC-SHA256 of "&lt;ts&gt;.&lt;body&gt;"&gt;</c>.
/// </summary>
public sealed class AcmeSignature(WebhookSchemeOptions? options = null) : WebhookScheme("acme", options)
{
    public const string SignatureHeaderName = "X-Acme-Signature";

    public override IReadOnlyList<string> HeaderNames { get; } = [SignatureHeaderName];

    public override bool SignsTimestamp => true;

    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        // ts=<digits>;mac=<base64 of exactly 32 bytes>; anything else is malformed.
        if (!context.TryGetHeader(SignatureHeaderName, out var header))
        {
            return;
        }

        var semicolon = header.IndexOf(';');
        if (semicolon < 3 || !header.StartsWith("ts=") || !header[(semicolon + 1)..].StartsWith("mac="))
        {
            context.Fail(WebhookFailureReason.MalformedSignature);
            return;
        }

        Span<byte> mac = stackalloc byte[WebhookHmac.Sha256Length];
        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        if (context.TryParseTimestamp(header[3..semicolon], WebhookTimestampUnit.Seconds, out var timestampMs)
            && context.TryDecodeBase64(header[(semicolon + 5)..], mac)
            && context.MatchHmacSha256(prefix[..WriteTimestampPrefix(timestampMs / 1000, prefix)], mac))
        {
            context.CheckTimestamp(timestampMs);
        }
    }

    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var seconds = parameters.Timestamp.GetValueOrDefault().ToUnixTimeSeconds();
        Span<byte> prefix = stackalloc byte[MaxTimestampPrefixLength];
        Span<byte> mac = stackalloc byte[WebhookHmac.Sha256Length];
        WebhookHmac.ComputeSha256(SigningSecret(keys), prefix[..WriteTimestampPrefix(seconds, prefix)], body, mac);
        var header = string.Create(CultureInfo.InvariantCulture, $"ts={seconds};mac={Convert.ToBase64String(mac)}");
        return new SignedWebhook(body.ToArray(), new WebhookHeaders { { SignatureHeaderName, header } }, seconds * 1000);
    }
}
