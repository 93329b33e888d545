namespace WebhookSignatures.Cryptography;

/// <summary>Strict decoding of a base64 MAC as senders send it: exactly one MAC's bytes, padding as base64 requires.</summary>
internal static class Base64Mac
{
    /// <summary>Decodes <paramref name="text"/> into exactly <c>destination.Length</c> bytes; false for anything else. Never throws.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        // Longer text cannot decode to one MAC; refusing it first keeps the work bounded by the MAC, not the header.
        if (text.Length != ((destination.Length + 2) / 3) * 4)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[destination.Length + 3];
        if (!Convert.TryFromBase64Chars(text, decoded, out var written) || written != destination.Length)
        {
            return false;
        }

        decoded[..written].CopyTo(destination);
        return true;
    }
}
