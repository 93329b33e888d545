using System.Diagnostics;

namespace WebhookSignatures.LoadDriver;

/// <summary>
/// One timed round against one receiver: every connection posts a new delivery as soon as the previous answer is in,
/// until the time is up. Latencies are kept whole (one per request), so percentiles are exact.
/// </summary>
/// <param name="Target">The receiver's name.</param>
/// <param name="Elapsed">From the first request to the last answer.</param>
/// <param name="Latencies">Every request's latency in Stopwatch ticks, unsorted.</param>
/// <param name="Statuses">Answers by status.</param>
/// <param name="Cpu">CPU time used during the round, per watched process (the driver is "driver").</param>
/// <param name="RanOut">Whether the pre-signed deliveries ran out before the time was up.</param>
public sealed record LoadRound(
    string Target,
    TimeSpan Elapsed,
    long[] Latencies,
    IReadOnlyDictionary<int, long> Statuses,
    IReadOnlyList<(string Name, TimeSpan Used)> Cpu,
    bool RanOut)
{
    public long Requests => Latencies.Length;

    public long NonSuccess => Statuses.Where(s => s.Key is < 200 or >= 300).Sum(s => s.Value);

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public static async Task<LoadRound> RunAsync(LoadTarget target, SignedDeliveries deliveries, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(deliveries);
        var watched = target.Processes.Append(("driver", 0)).ToArray();
        var before = watched.Select(Measure).ToArray();
        var started = Stopwatch.GetTimestamp();
        var stop = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var ranOut = 0;
        var perConnection = await Task.WhenAll(target.Connections.Select(connection => Task.Run(async () =>
        {
            var latencies = new List<long>(1 << 20);
            var statuses = new Dictionary<int, long>();
            while (Stopwatch.GetTimestamp() < stop)
            {
                var index = deliveries.Take();
                if (index < 0)
                {
                    Volatile.Write(ref ranOut, 1);
                    break;
                }

                var sent = Stopwatch.GetTimestamp();
                var status = await connection.PostAsync(index).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetTimestamp() - sent);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }

            return (latencies, statuses);
        }))).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = watched.Select((p, i) => (p.Item1, Measure(p) - before[i])).ToArray();

        var all = perConnection.SelectMany(c => c.statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        return new LoadRound(target.Name, elapsed, [.. perConnection.SelectMany(c => c.latencies)], all, cpu, ranOut != 0);
    }

    // PostgreSQL serves each connection from a child process of the server's: its CPU is the whole tree's.
    private static TimeSpan Measure((string Name, int Pid) process) =>
        process.Name == "postgres" ? ProcessCpu.OfTree(process.Pid) : ProcessCpu.Of(process.Pid);
}
