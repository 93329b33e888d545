using System.Diagnostics;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>Polls until a condition holds, up to a generous deadline: no fixed sleeps, no timing assertions.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Calls <paramref name="attempt"/> until its result satisfies <paramref name="done"/>; an attempt that throws
    /// counts as not done. Returns the last result, or throws the last exception, at the deadline.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var result = await attempt();
                if (done(result) || clock.Elapsed > deadline)
                {
                    return result;
                }
            }
            catch (Exception) when (clock.Elapsed <= deadline)
            {
                // Not yet: try again.
            }

            await Task.Delay(Interval);
        }
    }
}
