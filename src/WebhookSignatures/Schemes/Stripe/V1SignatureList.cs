using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// Parses the comma-separated <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c> header of every
/// <see cref="StripeStyleSignature"/>. <c>t</c> must occur once; every <c>v1</c> is a candidate; other keys (<c>v0</c>) are ignored.
/// </summary>
internal static class V1SignatureList
{
    /// <summary>More items than this make the header malformed, which bounds the work an attacker can cause.</summary>
    public const int MaxItems = 16;

    /// <summary>The size of the candidate buffer a caller provides.</summary>
    public const int CandidateBufferLength = MaxItems * HmacSha256.Length;

    /// <summary>
    /// Returns <see cref="WebhookFailureReason.None"/> with the timestamp (in ms) and the decoded <c>v1</c> MACs written
    /// back to back into <paramref name="candidates"/>; <see cref="WebhookFailureReason.MalformedSignature"/> for a
    /// broken header; <see cref="WebhookFailureReason.UnsupportedAlgorithm"/> for a well-formed header with no <c>v1</c>.
    /// </summary>
    public static WebhookFailureReason Parse(ReadOnlySpan<char> header, WebhookTimestampUnit unit, Span<byte> candidates, out long timestampUnixMs, out int candidateCount)
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

            var comma = header.IndexOf(',');
            var item = (comma < 0 ? header : header[..comma]).Trim(' ');
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            var key = item[..equals];
            var value = item[(equals + 1)..];
            if (key is "t")
            {
                if (hasTimestamp || !UnixTimestamp.TryParse(value, unit, out timestampUnixMs))
                {
                    return WebhookFailureReason.MalformedSignature;
                }

                hasTimestamp = true;
            }
            else if (key is "v1")
            {
                if (!Hex.TryDecode(value, candidates.Slice(candidateCount * HmacSha256.Length, HmacSha256.Length)))
                {
                    return WebhookFailureReason.MalformedSignature;
                }

                candidateCount++;
            }

            if (comma < 0)
            {
                break;
            }

            header = header[(comma + 1)..];
        }

        if (!hasTimestamp)
        {
            return WebhookFailureReason.MalformedSignature;
        }

        return candidateCount == 0 ? WebhookFailureReason.UnsupportedAlgorithm : WebhookFailureReason.None;
    }
}
