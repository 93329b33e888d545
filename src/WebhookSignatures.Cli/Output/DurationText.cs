using System.Globalization;

namespace WebhookSignatures.Cli.Output;

/// <summary>A duration in milliseconds for people: <c>12 ms</c> or <c>2d 3h 4m 5.5s</c>.</summary>
internal static class DurationText
{
    public const long DayMs = 86_400_000;

    /// <summary>Formats the absolute value; days are not capped, as a signed time is not.</summary>
    public static string Format(Int128 milliseconds)
    {
        milliseconds = Int128.Abs(milliseconds);
        if (milliseconds < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms");
        }

        var days = milliseconds / DayMs;
        var rest = (long)(milliseconds % DayMs);
        var hours = rest / 3_600_000;
        var minutes = rest / 60_000 % 60;
        var seconds = rest / 1000 % 60;
        var fraction = rest % 1000;
        var parts = new List<string>(4);
        if (days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{days}d"));
        }

        if (hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{hours}h"));
        }

        if (minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{minutes}m"));
        }

        if (seconds > 0 || fraction > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds + (fraction / 1000.0):0.###}s"));
        }

        return string.Join(' ', parts);
    }
}
