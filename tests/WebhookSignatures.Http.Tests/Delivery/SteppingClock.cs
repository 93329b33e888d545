using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>
/// A fake clock that moves only when a wait begins: every timer created on it (a retry's delay, an attempt's timeout)
/// is announced, and <see cref="RunAsync{T}"/> advances the clock by the waits it is told to, so a schedule of minutes
/// runs at once and the times the attempts were signed are exact.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The waits the clock was advanced by, in order.</summary>
    public List<TimeSpan> Waits { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>
    /// Waits for <paramref name="operation"/>, advancing the clock by each timer it starts for which
    /// <paramref name="advance"/> says so (by default every one but the attempts' own timeouts of <paramref name="attemptTimeout"/>).
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> operation, TimeSpan attemptTimeout, Func<TimeSpan, bool>? advance = null)
    {
        advance ??= due => due != attemptTimeout;

        // The bound only stops a broken pipeline from hanging the run; nothing is asserted on real time.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = _timers.Reader.ReadAsync(bound.Token).AsTask();
            if (await Task.WhenAny(operation, next) == operation)
            {
                return await operation;
            }

            var due = await next;
            if (advance(due))
            {
                Waits.Add(due);
                Advance(due);
            }
        }
    }
}
