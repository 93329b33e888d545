using System.Collections.Concurrent;

namespace WebhookSignatures.Soak;

/// <summary>How often the application's handler ran for one delivery, and how each run ended.</summary>
public sealed class HandlerRuns
{
    private readonly ConcurrentQueue<(TimeSpan At, int Status)> _ends = new();
    private int _started;
    private int _failed;
    private int _succeeded;

    /// <summary>Runs started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Runs that answered 500.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Runs that answered 2xx: the delivery was handled.</summary>
    public int Succeeded => Volatile.Read(ref _succeeded);

    /// <summary>Counts a run; returns which run it is (1 for the first).</summary>
    public int Start() => Interlocked.Increment(ref _started);

    /// <summary>When each run ended, and its status.</summary>
    public IReadOnlyCollection<(TimeSpan At, int Status)> Ends => _ends;

    public void Fail(TimeSpan at)
    {
        _ends.Enqueue((at, 500));
        Interlocked.Increment(ref _failed);
    }

    public void Succeed(TimeSpan at)
    {
        _ends.Enqueue((at, 200));
        Interlocked.Increment(ref _succeeded);
    }
}
