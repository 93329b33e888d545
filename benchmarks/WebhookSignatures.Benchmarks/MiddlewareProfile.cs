using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.Benchmarks;

/// <summary>
/// Runs one <see cref="MiddlewareBenchmarks"/> method back to back for a fixed time, outside BenchmarkDotNet, so
/// that a sampling profiler (for example <c>perf record</c> with <c>DOTNET_PerfMapEnabled=1</c>) sees only it.
/// </summary>
internal static class MiddlewareProfile
{
    /// <summary>How long each method runs before it is timed.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(4);

    /// <summary>Runs <paramref name="method"/> for <paramref name="seconds"/> and prints requests per second.</summary>
    public static async Task<int> RunAsync(string method, int seconds)
    {
        var benchmarks = new MiddlewareBenchmarks();
        Func<Task> run = method switch
        {
            nameof(MiddlewareBenchmarks.BareEndpoint) => benchmarks.BareEndpoint,
            nameof(MiddlewareBenchmarks.WebhookSignatures) => benchmarks.WebhookSignatures,
            nameof(MiddlewareBenchmarks.WebhookSignaturesNoExactlyOnce) => benchmarks.WebhookSignaturesNoExactlyOnce,
            nameof(MiddlewareBenchmarks.BareEndpointPlusHmac) => benchmarks.BareEndpointPlusHmac,
            nameof(MiddlewareBenchmarks.OctokitMapGitHubWebhooks) => benchmarks.OctokitMapGitHubWebhooks,
            _ => throw new ArgumentException($"No middleware benchmark is called '{method}'.", nameof(method)),
        };

        benchmarks.Setup();
        try
        {
            // Untimed, so that the timed part (and a profiler started late enough) sees only fully compiled code.
            await RepeatAsync(run, WarmUp).ConfigureAwait(false);

            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            var requests = await RepeatAsync(run, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);

            var elapsed = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{method}: {requests} requests in {elapsed:F1} s, {requests / elapsed:F0} requests/s, {1e6 * elapsed / requests:F2} us each, {GC.CollectionCount(0) - collections} GCs pausing {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / requests * 1000:F2} us per request"));
            return 0;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    private static async Task<long> RepeatAsync(Func<Task> run, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        long requests = 0;
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 1000; i++)
            {
                await run().ConfigureAwait(false);
            }

            requests += 1000 * MiddlewareBenchmarks.InFlight;
        }

        return requests;
    }
}
