using System.Globalization;

namespace WebhookSignatures.Cli.Output;

/// <summary>
/// Shows a Unix time in milliseconds as a UTC date. A sender can sign any 64-bit time, most of which a
/// <see cref="DateTimeOffset"/> cannot hold (years 1 to 9999), so nothing here converts without checking.
/// </summary>
internal static class UnixMilliseconds
{
    /// <summary>The earliest time a <see cref="DateTimeOffset"/> holds: 0001-01-01T00:00:00.000Z.</summary>
    public static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    /// <summary>The latest time a <see cref="DateTimeOffset"/> holds: 9999-12-31T23:59:59.999Z.</summary>
    public static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private const string Pattern = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Whether <paramref name="unixMs"/> lies in the years 1 to 9999.</summary>
    public static bool IsInCalendar(long unixMs) => unixMs >= Min && unixMs <= Max;

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, or the calendar's edge with "before" or "after" for a time beyond it.</summary>
    public static string Format(long unixMs) =>
        unixMs < Min ? "before " + Format(Min)
        : unixMs > Max ? "after " + Format(Max)
        : DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString(Pattern, CultureInfo.InvariantCulture);
}
