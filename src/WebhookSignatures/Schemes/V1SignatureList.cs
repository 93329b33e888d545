using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes;

/// <summary>
/// Parses the comma-separated <c>t=&lt;timestamp&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c> header shared by Stripe
/// and Infisical alerts. <c>t</c> must occur once; every <c>v1</c> is a candidate; other keys (<c>v0</c>) are ignored.
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

    /// <summary>Writes <c>&lt;timestamp&gt;.</c> as ASCII, the prefix both schemes sign before the body.</summary>
    public static int WritePrefix(long timestamp, Span<byte> destination)
    {
        timestamp.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        destination[written] = (byte)'.';
        return written + 1;
    }

    /// <summary>
    /// The identity of a verified <c>t=…,v1=…</c> delivery: the signed body's top-level <c>id</c> when it has one,
    /// otherwise <c>&lt;t&gt;.&lt;body&gt;</c>, exactly what the MAC covers.
    /// </summary>
    public static WebhookDeliveryId Identify(ReadOnlySpan<byte> body, in WebhookVerificationResult result, WebhookTimestampUnit unit)
    {
        if (TopLevelJsonString.TryRead(body, "id"u8) is { Length: > 0 } id)
        {
            return WebhookDeliveryId.FromSignedId(id);
        }

        var timestamp = result.TimestampUnixMs.GetValueOrDefault();
        Span<byte> prefix = stackalloc byte[24];
        var length = WritePrefix(UnixTimestamp.FromMilliseconds(timestamp, unit), prefix);
        return WebhookDeliveryId.FromSignedContent(prefix[..length], body);
    }
}
