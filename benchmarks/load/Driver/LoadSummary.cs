using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.LoadDriver;

/// <summary>
/// The table after the rounds: per target, the median over its rounds and the spread (lowest to highest) of its
/// throughput and of the CPU its receiver used per request, and its ratios to a baseline. A ratio is taken round by
/// round (the target against the baseline's round of the same number, run next to it) and then its median, so a
/// stretch of the run in which another process took the cores moves both sides alike.
/// </summary>
public static class LoadSummary
{
    public static void Print(IReadOnlyList<string> targets, IReadOnlyList<LoadRound> rounds, IReadOnlyList<(string Name, string Baseline)> comparisons)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentNullException.ThrowIfNull(comparisons);
        // Columns as wide as the longest name they hold.
        var store = Math.Max(9, targets.Max(t => t.Length) + 1);
        var of = targets.ToDictionary(t => t, t => rounds.Where(r => r.Target == t).ToArray(), StringComparer.Ordinal);
        Console.WriteLine("medians over the rounds (lowest-highest); receiver CPU in us per request; ratios and differences round by round");
        Console.WriteLine($"{"store".PadRight(store)}{"requests/s",22}{"p50",9}{"p99",9}{"receiver CPU",20}{"server CPU",13}");
        foreach (var target in targets)
        {
            var mine = of[target];
            var latencies = mine.SelectMany(r => r.Latencies).ToArray();
            Array.Sort(latencies);
            // The store's server, or the handler's database: Redis, or PostgreSQL with its backends.
            var server = mine.Select(Server).ToArray();
            Console.WriteLine(
                $"{target.PadRight(store)}{Spread(mine.Select(r => r.RequestsPerSecond), "0"),22}{Latency(latencies, 0.50),9}{Latency(latencies, 0.99),9}" +
                $"{Spread(mine.Select(r => Cpu(r, "receiver")), "0.0"),20}{(server.Any(c => c > 0) ? Median(server).ToString("0.0", CultureInfo.InvariantCulture) : "-"),13}");
        }

        var pairs = targets.Skip(1).Select(t => (t, targets[0])).Concat(comparisons.Where(c => of.ContainsKey(c.Name) && of.ContainsKey(c.Baseline))).ToArray();
        if (pairs.Length == 0)
        {
            return;
        }

        // With a database beside the receivers (every target's handler writes to it), its CPU is added as well.
        var withServer = rounds.Any(r => Cpu(r, "postgres") > 0);
        var ratio = Math.Max(18, pairs.Max(p => p.Item1.Length + p.Item2.Length) + 2);
        Console.WriteLine();
        Console.WriteLine($"{"ratio".PadRight(ratio)}{"throughput",22}{"receiver CPU",20}{"receiver CPU added (us)",28}{(withServer ? $"{"server CPU added (us)",26}" : "")}");
        foreach (var (name, baseline) in pairs)
        {
            var paired = of[name].Zip(of[baseline]).ToArray();
            Console.WriteLine(
                $"{(name + "/" + baseline).PadRight(ratio)}{Spread(paired.Select(p => p.First.RequestsPerSecond / p.Second.RequestsPerSecond), "0.00"),22}" +
                $"{Spread(paired.Select(p => Cpu(p.First, "receiver") / Cpu(p.Second, "receiver")), "0.00"),20}" +
                $"{Spread(paired.Select(p => Cpu(p.First, "receiver") - Cpu(p.Second, "receiver")), "+0.0;-0.0"),28}" +
                (withServer ? $"{Spread(paired.Select(p => Server(p.First) - Server(p.Second)), "+0.0;-0.0"),26}" : ""));
        }
    }

    /// <summary>Exact percentiles of sorted Stopwatch ticks, printed as wrk does (us below a millisecond, ms above).</summary>
    public static string Latency(long[] sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return "-";
        }

        var microseconds = sorted[(int)(percentile * (sorted.Length - 1))] * 1_000_000.0 / Stopwatch.Frequency;
        return microseconds < 1000
            ? microseconds.ToString("0", CultureInfo.InvariantCulture) + "us"
            : (microseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + "ms";
    }

    // CPU microseconds per request of the watched processes of that name.
    private static double Cpu(LoadRound round, string process) =>
        round.Cpu.Where(c => c.Name == process).Sum(c => c.Used.TotalMicroseconds) / Math.Max(1, round.Requests);

    private static double Server(LoadRound round) => Cpu(round, "redis-server") + Cpu(round, "postgres");

    private static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "-";
        }

        var median = Median(sorted).ToString(format, CultureInfo.InvariantCulture);
        return sorted.Length == 1
            ? median
            : $"{median} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}-{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
