using System.Buffers;

namespace WebhookSignatures.Cryptography;

/// <summary>
/// The one hexadecimal codec: strict decoding of received signatures (either case, nothing else) and lowercase
/// encoding for the headers, digests and identities the library writes.
/// </summary>
internal static class Hex
{
    // A MAC, a digest or an identity fits on the stack; anything longer borrows a pooled buffer.
    private const int StackLimit = 512;

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

    /// <summary>Returns <paramref name="bytes"/> as a lowercase hex string; the string is the only allocation.</summary>
    public static string ToLower(ReadOnlySpan<byte> bytes)
    {
        var length = checked(bytes.Length * 2);
        char[]? rented = null;
        var chars = length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            EncodeLower(bytes, chars);
            return new string(chars[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static int Nibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
