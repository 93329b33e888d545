using System.Globalization;
using System.Text.RegularExpressions;

namespace WebhookSignatures.Cli.Output;

/// <summary>
/// A size as an option takes it: a whole number of bytes, or with a unit (<c>KB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c> in
/// powers of 1000; <c>KiB</c>, <c>MiB</c>, <c>GiB</c>, <c>TiB</c> in powers of 1024), such as <c>1GiB</c> or <c>500MB</c>.
/// </summary>
internal static partial class ByteSize
{
    /// <summary>Reads a size of at least one byte; anything else is a usage error naming <paramref name="option"/>.</summary>
    public static long Parse(string text, string option)
    {
        var match = Size().Match(text.Trim());
        if (match.Success && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            var unit = match.Groups["unit"].Value.ToUpperInvariant();
            var factor = unit switch
            {
                "" or "B" => 1L,
                "KB" => 1000L,
                "MB" => 1000L * 1000,
                "GB" => 1000L * 1000 * 1000,
                "TB" => 1000L * 1000 * 1000 * 1000,
                "KIB" => 1L << 10,
                "MIB" => 1L << 20,
                "GIB" => 1L << 30,
                _ => 1L << 40,
            };
            if (number <= long.MaxValue / factor)
            {
                return number * factor;
            }
        }

        throw new UsageException($"{option} needs a size of at least one byte, such as 1GiB, 500MB or 1048576; got '{text}'.");
    }

    /// <summary>The size for people: <c>1 GiB</c>, <c>512 KiB</c>, or bytes.</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30} GiB"),
        >= 1L << 20 when bytes % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1L << 10 when bytes % (1L << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    [GeneratedRegex(@"^(?<n>[0-9]{1,19})\s*(?<unit>B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Size();
}
