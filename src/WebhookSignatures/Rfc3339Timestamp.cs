using System.Buffers;
using System.Globalization;

namespace WebhookSignatures;

/// <summary>
/// Reads and writes RFC 3339 date-times as Twitch sends them (<c>2025-11-30T10:53:20.123456789Z</c>): any number of
/// fraction digits up to nine, <c>Z</c> or a <c>±hh:mm</c> offset, kept to the millisecond. Never throws on what it reads.
/// </summary>
internal static class Rfc3339Timestamp
{
    /// <summary>The longest text accepted: a date, a time with nine fraction digits and an offset.</summary>
    public const int MaxLength = 35;

    // A SearchValues search allocates nothing; IndexOfAnyExceptInRange on chars was seen to allocate.
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>
    /// Parses <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c> (<c>T</c> and <c>Z</c> in either case) into Unix milliseconds,
    /// fractions below a millisecond dropped; false for anything else, a leap second and the year 0 included.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long timestampUnixMs)
    {
        timestampUnixMs = 0;
        if (text.Length is < 20 or > MaxLength
            || !TryDigits(text[..4], out var year) || text[4] != '-'
            || !TryDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryDigits(text.Slice(8, 2), out var day) || text[10] is not ('T' or 't')
            || !TryDigits(text.Slice(11, 2), out var hour) || text[13] != ':'
            || !TryDigits(text.Slice(14, 2), out var minute) || text[16] != ':'
            || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = text[19..];
        var milliseconds = 0;
        if (rest[0] == '.')
        {
            var digits = rest[1..].IndexOfAnyExcept(Digits);
            if (digits is <= 0 or > 9)
            {
                return false;
            }

            for (var i = 0; i < 3; i++)
            {
                milliseconds = (milliseconds * 10) + (i < digits ? rest[1 + i] - '0' : 0);
            }

            rest = rest[(1 + digits)..];
        }

        if (!TryOffset(rest, out var offsetMinutes))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, milliseconds, DateTimeKind.Unspecified);
        timestampUnixMs = ((local.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond) - (offsetMinutes * 60_000L);
        return true;
    }

    /// <summary>Writes a time as Twitch does: UTC, nine fraction digits (the last two always 0: a tick is 100 ns), <c>Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'00Z'", CultureInfo.InvariantCulture);

    private static bool TryOffset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text is "Z" or "z")
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !TryDigits(text.Slice(1, 2), out var hours) || !TryDigits(text.Slice(4, 2), out var rest) || hours > 23 || rest > 59)
        {
            return false;
        }

        minutes = (text[0] == '-' ? -1 : 1) * ((hours * 60) + rest);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
