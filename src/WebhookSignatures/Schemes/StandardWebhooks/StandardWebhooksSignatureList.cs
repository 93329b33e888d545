using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.StandardWebhooks;

/// <summary>
/// Parses a <c>webhook-signature</c> value: space-separated <c>&lt;version&gt;,&lt;base64&gt;</c> entries, where
/// <c>v1</c> carries an HMAC-SHA256 and <c>v1a</c> an Ed25519 signature; other versions are skipped.
/// </summary>
internal static class StandardWebhooksSignatureList
{
    /// <summary>The most entries a list may hold; more is malformed, which bounds the work a sender can cause.</summary>
    public const int MaxEntries = 16;

    /// <summary>The size of the <c>v1</c> buffer a caller provides.</summary>
    public const int MacBufferLength = MaxEntries * HmacSha256.Length;

    /// <summary>The size of the <c>v1a</c> buffer a caller provides.</summary>
    public const int SignatureBufferLength = MaxEntries * IEd25519.SignatureLength;

    /// <summary>
    /// Decodes every <c>v1</c> MAC into <paramref name="macs"/> and, when <paramref name="readV1a"/>, every <c>v1a</c>
    /// signature into <paramref name="signatures"/>, back to back. <see cref="WebhookFailureReason.MalformedSignature"/>
    /// for too many entries, an entry without a version or a value of the wrong length;
    /// <see cref="WebhookFailureReason.UnsupportedAlgorithm"/> when nothing readable is left. Never throws.
    /// </summary>
    public static WebhookFailureReason Parse(ReadOnlySpan<char> list, bool readV1a, Span<byte> macs, out int macCount, Span<byte> signatures, out int signatureCount)
    {
        macCount = 0;
        signatureCount = 0;
        var entries = 0;
        while (!list.IsEmpty)
        {
            var space = list.IndexOf(' ');
            var entry = space < 0 ? list : list[..space];
            list = space < 0 ? default : list[(space + 1)..];
            if (entry.IsEmpty)
            {
                continue;
            }

            var comma = entry.IndexOf(',');
            if (++entries > MaxEntries || comma <= 0)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            var version = entry[..comma];
            var value = entry[(comma + 1)..];
            if (version is "v1")
            {
                if (!TryDecode(value, macs.Slice(macCount * HmacSha256.Length, HmacSha256.Length)))
                {
                    return WebhookFailureReason.MalformedSignature;
                }

                macCount++;
            }
            else if (version is "v1a" && readV1a)
            {
                if (!TryDecode(value, signatures.Slice(signatureCount * IEd25519.SignatureLength, IEd25519.SignatureLength)))
                {
                    return WebhookFailureReason.MalformedSignature;
                }

                signatureCount++;
            }
        }

        return macCount + signatureCount == 0 ? WebhookFailureReason.UnsupportedAlgorithm : WebhookFailureReason.None;
    }

    // Exactly the destination's length, no more: longer base64 fails to fit and shorter leaves it short.
    private static bool TryDecode(ReadOnlySpan<char> base64, Span<byte> destination) =>
        Convert.TryFromBase64Chars(base64, destination, out var written) && written == destination.Length;
}
