using System.Buffers;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.Hub;

/// <summary>
/// Reads a hub signature header, <c>&lt;algorithm&gt;=&lt;hex MAC&gt;</c>, for every hub scheme whatever its algorithm.
/// </summary>
internal static class HubSignatureHeader
{
    private static readonly SearchValues<char> LabelCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>
    /// Decodes the hex after <paramref name="prefix"/> (<c>sha256=</c>) into <paramref name="mac"/>, whose length is the
    /// MAC's. Returns <see cref="WebhookFailureReason.None"/>; <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>
    /// for the label of another algorithm (ASCII letters and digits, a letter first: <c>sha1</c>, <c>sha512</c>); or
    /// <see cref="WebhookFailureReason.MalformedSignature"/> for anything else.
    /// </summary>
    public static bool TryParse(ref WebhookVerificationContext context, scoped ReadOnlySpan<char> header, string prefix, scoped Span<byte> mac)
    {
        var parsed = Parse(header, prefix, mac);
        return parsed == WebhookFailureReason.None || context.Fail(parsed);
    }

    private static WebhookFailureReason Parse(ReadOnlySpan<char> header, string prefix, Span<byte> mac)
    {
        var equals = header.IndexOf('=');
        if (equals <= 0)
        {
            return WebhookFailureReason.MalformedSignature;
        }

        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return IsAlgorithmLabel(header[..equals]) ? WebhookFailureReason.UnsupportedAlgorithm : WebhookFailureReason.MalformedSignature;
        }

        return Hex.TryDecode(header[prefix.Length..], mac) ? WebhookFailureReason.None : WebhookFailureReason.MalformedSignature;
    }

    private static bool IsAlgorithmLabel(ReadOnlySpan<char> label) => char.IsAsciiLetter(label[0]) && !label.ContainsAnyExcept(LabelCharacters);
}
