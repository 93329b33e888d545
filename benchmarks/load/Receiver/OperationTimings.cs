using System.Globalization;

/// <summary>
/// A histogram of one delivery store operation's latency as the verifier sees it, in whole microseconds up to one
/// second (slower ones count in the last bucket); lock-free, for many requests at once.
/// </summary>
internal sealed class OperationTimings(string name)
{
    private readonly long[] _buckets = new long[1_000_001];
    private long _count;
    private long _totalTicks;

    public void Add(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _buckets[Math.Min((long)elapsed.TotalMicroseconds, _buckets.Length - 1)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _totalTicks, elapsed.Ticks);
    }

    /// <summary>One line: how many calls, the mean, p50, p90 and p99 in microseconds.</summary>
    public override string ToString()
    {
        var count = Interlocked.Read(ref _count);
        if (count == 0)
        {
            return $"{name}: no calls";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name}: {count} calls, mean {TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks) / count).TotalMicroseconds:0} us, p50 {Percentile(count, 0.50)} us, p90 {Percentile(count, 0.90)} us, p99 {Percentile(count, 0.99)} us");
    }

    private long Percentile(long count, double percentile)
    {
        var rank = (long)Math.Ceiling(percentile * count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return i;
            }
        }

        return _buckets.Length - 1;
    }
}
