/// <summary>
/// The system clock run <c>speed</c> times faster, its timers too (<c>--clock-speed</c>): a lease of the shortest
/// length the options allow (one second) then comes due for renewal while a handler of a few tens of milliseconds
/// runs, so a load run can measure renewals. Timestamps (what metrics time) stay the system's.
/// </summary>
internal sealed class FastClock(double speed) : TimeProvider
{
    private readonly long _start = System.GetUtcNow().UtcTicks;
    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() =>
        new(_start + (long)(System.GetElapsedTime(_started).Ticks * speed), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new Timer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    private TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / speed;

    private sealed class Timer(ITimer inner, FastClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
