using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// Parses the header of every <see cref="StripeStyleSignature"/>: items such as <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c>
/// in its <see cref="StripeStyleFormat"/>. The timestamp must occur once; every signature item is a candidate; other keys
/// (Stripe's <c>v0</c>) are ignored.
/// </summary>
internal static class TimestampedSignatureList
{
    /// <summary>More items than this make the header malformed, which bounds the work an attacker can cause.</summary>
    public const int MaxItems = 16;

    /// <summary>The size of the candidate buffer a caller provides.</summary>
    public const int CandidateBufferLength = MaxItems * HmacSha256.Length;

    /// <summary>
    /// Returns <see cref="WebhookFailureReason.None"/> with the timestamp (in ms) and the decoded MACs written back to
    /// back into <paramref name="candidates"/>; <see cref="WebhookFailureReason.MalformedSignature"/> for a broken
    /// header; <see cref="WebhookFailureReason.UnsupportedAlgorithm"/> for a well-formed header with no signature item.
    /// </summary>
    public static WebhookFailureReason Parse(
        ReadOnlySpan<char> header, StripeStyleFormat format, WebhookTimestampUnit unit, Span<byte> candidates, out long timestampUnixMs, out int candidateCount)
    {
        timestampUnixMs = 0;
        candidateCount = 0;
        var hasTimestamp = false;
        for (var items = 1; ; items++)
        {
            if (items > MaxItems)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            var separator = header.IndexOf(format.ItemSeparator);
            var item = (separator < 0 ? header : header[..separator]).Trim(' ');
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            var key = item[..equals];
            var value = item[(equals + 1)..];
            if (key.Equals(format.TimestampKey, StringComparison.Ordinal))
            {
                if (hasTimestamp || !UnixTimestamp.TryParse(value, unit, out timestampUnixMs))
                {
                    return WebhookFailureReason.MalformedSignature;
                }

                hasTimestamp = true;
            }
            else if (key.Equals(format.SignatureKey, StringComparison.Ordinal))
            {
                if (!Hex.TryDecode(value, candidates.Slice(candidateCount * HmacSha256.Length, HmacSha256.Length)))
                {
                    return WebhookFailureReason.MalformedSignature;
                }

                candidateCount++;
            }

            if (separator < 0)
            {
                break;
            }

            header = header[(separator + 1)..];
        }

        if (!hasTimestamp)
        {
            return WebhookFailureReason.MalformedSignature;
        }

        return candidateCount == 0 ? WebhookFailureReason.UnsupportedAlgorithm : WebhookFailureReason.None;
    }
}
