namespace WebhookSignatures.Cryptography;

/// <summary>Strict hexadecimal decoding of received signatures: either case, nothing else.</summary>
internal static class Hex
{
    /// <summary>Decodes exactly <c>destination.Length * 2</c> hex characters; false on any other input.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        // Branches depend only on the received (public) signature, never on the expected MAC.
        for (var i = 0; i < destination.Length; i++)
        {
            var high = Nibble(hex[2 * i]);
            var low = Nibble(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    /// <summary>Writes <paramref name="bytes"/> as lowercase hex into <paramref name="destination"/>.</summary>
    public static void EncodeLower(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = digits[bytes[i] >> 4];
            destination[(2 * i) + 1] = digits[bytes[i] & 0xF];
        }
    }

    /// <summary>Returns <paramref name="bytes"/> as a lowercase hex string.</summary>
    public static string ToLower(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[bytes.Length * 2];
        EncodeLower(bytes, chars);
        return new string(chars);
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
