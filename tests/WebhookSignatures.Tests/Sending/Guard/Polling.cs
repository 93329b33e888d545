namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>Waits for a condition by polling; the bound only keeps a broken test from hanging the run.</summary>
internal static class Polling
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
