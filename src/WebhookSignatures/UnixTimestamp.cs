using System.Numerics;

namespace WebhookSignatures;

/// <summary>
/// The one reader of the Unix timestamps senders write, in a header or in a JSON body: ASCII digits only (no sign,
/// no spaces, no overflow), read in the sender's <see cref="WebhookTimestampUnit"/> and kept in milliseconds, the
/// unit of the replay window and the results.
/// </summary>
internal static class UnixTimestamp
{
    // 19 digits hold every non-negative long; a twentieth cannot.
    private const int MaxDigits = 19;

    /// <summary>Parses a timestamp written in <paramref name="unit"/>; <paramref name="timestampUnixMs"/> is 0 when it fails.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, WebhookTimestampUnit unit, out long timestampUnixMs)
    {
        if (TryParseDigits(text, out var value) && (unit == WebhookTimestampUnit.Milliseconds || value <= long.MaxValue / 1000))
        {
            timestampUnixMs = ToMilliseconds(value, unit);
            return true;
        }

        timestampUnixMs = 0;
        return false;
    }

    /// <summary>Parses a JSON integer given as UTF-8 bytes: digits only and, as JSON requires, no leading zero.</summary>
    public static bool TryParseJson(ReadOnlySpan<byte> text, out long value)
    {
        if (text.Length > 1 && text[0] == (byte)'0')
        {
            value = 0;
            return false;
        }

        return TryParseDigits(text, out value);
    }

    /// <summary>The number a sender writes for <paramref name="time"/>: seconds are truncated.</summary>
    public static long FromTime(DateTimeOffset time, WebhookTimestampUnit unit) =>
        unit == WebhookTimestampUnit.Seconds ? time.ToUnixTimeSeconds() : time.ToUnixTimeMilliseconds();

    /// <summary>A number written in <paramref name="unit"/>, in Unix milliseconds.</summary>
    public static long ToMilliseconds(long value, WebhookTimestampUnit unit) =>
        unit == WebhookTimestampUnit.Seconds ? value * 1000 : value;

    /// <summary>Unix milliseconds as the number a sender writes in <paramref name="unit"/>.</summary>
    public static long FromMilliseconds(long timestampUnixMs, WebhookTimestampUnit unit) =>
        unit == WebhookTimestampUnit.Seconds ? timestampUnixMs / 1000 : timestampUnixMs;

    // One loop for header text (chars) and body bytes, so both accept exactly the same digits.
    private static bool TryParseDigits<T>(ReadOnlySpan<T> text, out long value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in text)
        {
            var digit = long.CreateTruncating(c) - '0';
            if ((ulong)digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                value = 0;
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
