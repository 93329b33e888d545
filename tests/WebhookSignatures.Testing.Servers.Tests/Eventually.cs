using System.Diagnostics;

namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>Polls until a condition holds, up to a generous deadline: no fixed sleeps, no timing assertions.</summary>
internal static class Eventually
{
    /// <summary>True as soon as <paramref name="condition"/> holds, false if it still does not at the deadline.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
