using System.Diagnostics;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>Polls until a condition holds, up to a generous deadline: no fixed sleeps, no timing assertions.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Calls <paramref name="attempt"/> until <paramref name="done"/>; returns the last result at the deadline.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan? deadline = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var result = await attempt();
                if (done(result) || clock.Elapsed > (deadline ?? Deadline))
                {
                    return result;
                }
            }
            catch (Exception) when (clock.Elapsed <= (deadline ?? Deadline))
            {
                // Not yet.
            }

            await Task.Delay(100);
        }
    }
}
