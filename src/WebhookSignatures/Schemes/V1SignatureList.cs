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
    public static WebhookFailureReason Parse(ReadOnlySpan<char> header, bool millisecondTimestamp, Span<byte> candidates, out long timestampUnixMs, out int candidateCount)
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
                if (hasTimestamp || !TryParseTimestamp(value, millisecondTimestamp, out timestampUnixMs))
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
    /// The identity of a verified <c>t=…,v1=…</c> delivery: the signed body's top-level <c>id</c> when it has one
    /// (with its top-level <c>source</c> when <paramref name="scopedBySource"/>, as CloudEvents ids are unique only
    /// within their source), otherwise <c>&lt;t&gt;.&lt;body&gt;</c>, exactly what the MAC covers.
    /// </summary>
    public static WebhookDeliveryId Identify(ReadOnlySpan<byte> body, in WebhookVerificationResult result, bool millisecondTimestamp, bool scopedBySource = false)
    {
        if (TopLevelJsonString.TryRead(body, "id"u8) is { Length: > 0 } id)
        {
            if (!scopedBySource)
            {
                return WebhookDeliveryId.FromSignedId(id);
            }

            // The source's length first, so no id can spell out another source and id.
            var source = TopLevelJsonString.TryRead(body, "source"u8) ?? string.Empty;
            return WebhookDeliveryId.FromSignedId(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{source.Length}:{source}:{id}"));
        }

        var timestamp = result.TimestampUnixMs.GetValueOrDefault();
        Span<byte> prefix = stackalloc byte[24];
        var length = WritePrefix(millisecondTimestamp ? timestamp : timestamp / 1000, prefix);
        return WebhookDeliveryId.FromSignedContent(prefix[..length], body);
    }

    private static bool TryParseTimestamp(ReadOnlySpan<char> value, bool milliseconds, out long timestampUnixMs)
    {
        if (!Digits.TryParse(value, out timestampUnixMs))
        {
            return false;
        }

        if (milliseconds)
        {
            return true;
        }

        if (timestampUnixMs > long.MaxValue / 1000)
        {
            timestampUnixMs = 0;
            return false;
        }

        timestampUnixMs *= 1000;
        return true;
    }
}
