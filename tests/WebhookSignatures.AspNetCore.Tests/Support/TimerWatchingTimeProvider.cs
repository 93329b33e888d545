using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>
/// A fake clock that reports when a timer with a given due time is created, so a test advances time only
/// once the server is waiting on it.
/// </summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start, TimeSpan watchedDueTime) : FakeTimeProvider(start)
{
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task TimerCreated => _created.Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == watchedDueTime)
        {
            _created.TrySetResult();
        }

        return timer;
    }
}
