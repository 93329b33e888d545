namespace WebhookSignatures.Cryptography;

/// <summary>Strict parsing of unsigned decimal timestamps: ASCII digits only, no sign, no overflow.</summary>
internal static class Digits
{
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = c - '0';
            if ((uint)digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Parses a JSON integer (no leading zeros) given as UTF-8 bytes.</summary>
    public static bool TryParseJson(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19 || (text.Length > 1 && text[0] == (byte)'0'))
        {
            return false;
        }

        foreach (var b in text)
        {
            var digit = b - '0';
            if ((uint)digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
