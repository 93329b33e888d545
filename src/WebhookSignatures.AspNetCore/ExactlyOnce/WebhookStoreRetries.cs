using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Runs the store operations that must be tried again in the background (a settlement the store did not confirm, a
/// reservation whose answer was lost) on the application's clock, until each says it is done or the application stops.
/// At most <see cref="DefaultMaxPending"/> run at once, so an outage under heavy traffic cannot grow them without bound.
/// </summary>
internal sealed class WebhookStoreRetries(TimeProvider time, ILogger<WebhookStoreRetries> logger, int maxPending = WebhookStoreRetries.DefaultMaxPending) : IDisposable
{
    /// <summary>How many retries may run at once; beyond it a retry is not started, and that is logged.</summary>
    internal const int DefaultMaxPending = 10_000;

    private readonly CancellationTokenSource _stopping = new();
    private int _pending;
    private int _full;

    /// <summary>How many retries are running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Calls <paramref name="attempt"/> after <paramref name="firstWait"/>, then after each wait it returns, until it
    /// returns <see langword="null"/>. It is given a token cancelled when the application stops, and must not throw.
    /// </summary>
    /// <returns><see langword="false"/> when the most retries allowed already run, and this one was not started.</returns>
    public bool TryStart(TimeSpan firstWait, Func<CancellationToken, ValueTask<TimeSpan?>> attempt)
    {
        if (Interlocked.Increment(ref _pending) > maxPending)
        {
            Interlocked.Decrement(ref _pending);

            // Said once per overflow, not once per delivery: an outage under load would flood the log otherwise.
            if (Interlocked.Exchange(ref _full, 1) == 0)
            {
                WebhookSignatureLog.StoreRetriesFull(logger, maxPending);
            }

            return false;
        }

        Volatile.Write(ref _full, 0);
        _ = RunAsync(firstWait, attempt);
        return true;
    }

    /// <summary>Stops every retry; the application is stopping.</summary>
    public void Dispose() => _stopping.Cancel();

    private async Task RunAsync(TimeSpan wait, Func<CancellationToken, ValueTask<TimeSpan?>> attempt)
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await Task.Delay(wait, time, stopping).ConfigureAwait(false);
                if (await attempt(stopping).ConfigureAwait(false) is not { } next)
                {
                    return;
                }

                wait = next;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The application stopped: what is left is the lease's to end.
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }
}
