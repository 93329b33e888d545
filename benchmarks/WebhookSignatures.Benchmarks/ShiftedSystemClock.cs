namespace WebhookSignatures.Benchmarks;

/// <summary>
/// The system clock, timers and timestamps, with a wall clock that can be moved forward. A server runs on the
/// system clock; a fake clock's locks would be measured as if they were the library's cost.
/// </summary>
internal sealed class ShiftedSystemClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
