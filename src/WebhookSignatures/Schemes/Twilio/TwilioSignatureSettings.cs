namespace WebhookSignatures.Schemes.Twilio;

/// <summary>Reads <c>X-Twilio-Webhooks-Signature-Settings</c> (<c>key=…,algorithm=HMAC_SHA256</c>) for the MAC's algorithm.</summary>
internal static class TwilioSignatureSettings
{
    private const string AlgorithmKey = "algorithm=";

    /// <summary>
    /// Returns <see cref="WebhookFailureReason.None"/> with <paramref name="sha256"/> set (false, HMAC-SHA1, when the header is
    /// absent or names no algorithm); <see cref="WebhookFailureReason.UnsupportedAlgorithm"/> for another algorithm;
    /// <see cref="WebhookFailureReason.MalformedSignature"/> when it names more than one.
    /// </summary>
    public static WebhookFailureReason ReadAlgorithm(string? header, out bool sha256)
    {
        sha256 = false;
        var rest = header.AsSpan();
        var seen = false;
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOfAny(',', ';');
            var item = (comma < 0 ? rest : rest[..comma]).Trim(" \t");
            rest = comma < 0 ? default : rest[(comma + 1)..];
            if (!item.StartsWith(AlgorithmKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (seen)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            seen = true;
            var value = item[AlgorithmKey.Length..].Trim(" \t");
            if (value.Equals("HMAC_SHA256", StringComparison.OrdinalIgnoreCase))
            {
                sha256 = true;
            }
            else if (!value.Equals("HMAC_SHA1", StringComparison.OrdinalIgnoreCase))
            {
                return WebhookFailureReason.UnsupportedAlgorithm;
            }
        }

        return WebhookFailureReason.None;
    }
}
