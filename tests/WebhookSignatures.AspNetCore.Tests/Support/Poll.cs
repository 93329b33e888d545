using System.Diagnostics;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Waits for background work to show its effect: polls a condition up to a deadline, no fixed sleeps.</summary>
public static class Poll
{
    /// <summary>Whether <paramref name="condition"/> held before <paramref name="deadline"/> passed.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }
}
