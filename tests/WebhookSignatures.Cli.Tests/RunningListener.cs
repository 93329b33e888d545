namespace WebhookSignatures.Cli.Tests;

/// <summary>An in-process <c>webhooksig listen</c> on a free loopback port, stopped (as by Ctrl+C) when disposed.</summary>
internal sealed class RunningListener : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);
    private readonly CancellationTokenSource _stop = new();
    private Task<CliOutcome> _run = Task.FromResult(new CliOutcome(-1, string.Empty, string.Empty));

    public Uri Url { get; private set; } = null!;

    public static Task<RunningListener> StartAsync(params string[] args) => StartOnAsync("http://127.0.0.1:0", args);

    /// <summary>Starts it on <paramref name="urls"/>, such as a port a listener before it used.</summary>
    public static Task<RunningListener> StartOnAsync(string urls, params string[] args) => StartWithAsync(ToolCatalog.Schemes, urls, args);

    /// <summary>Starts it with <paramref name="schemes"/> as its catalog, as a program embedding the command line would.</summary>
    public static async Task<RunningListener> StartWithAsync(WebhookSchemeCatalog schemes, string urls, params string[] args)
    {
        var listener = new RunningListener();
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener._run = CliHarness.RunAsync(["listen", "--urls", urls, .. args], listenerStarted: started.SetResult, cancellationToken: listener._stop.Token, schemes: schemes);

        // A bound on start-up, not a timing assertion: a listener that never starts fails here with its output.
        var first = await Task.WhenAny(started.Task, listener._run, Task.Delay(StartLimit));
        if (first != started.Task)
        {
            var outcome = listener._run.IsCompleted ? await listener._run : null;
            throw new InvalidOperationException($"listen did not start: {outcome?.All ?? "no output within the limit"}");
        }

        listener.Url = await started.Task;
        return listener;
    }

    /// <summary>Stops the listener and returns what it printed.</summary>
    public async Task<CliOutcome> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
