using System.Diagnostics;

namespace WebhookSignatures.Cli.Tests;

/// <summary>Runs the built tool as a real process: <c>dotnet webhooksig.dll …</c>, as an installed tool runs.</summary>
internal static class ToolProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "webhooksig.dll");

    public static async Task<CliOutcome> RunAsync(string[] args, byte[]? standardInput = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(standardInput ?? []);
        process.StandardInput.Close();

        // A bound, not a timing assertion: a hung tool fails the test instead of the run.
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"webhooksig {string.Join(' ', args)} did not exit within {Limit}.");
        }

        return new CliOutcome(process.ExitCode, await output, await error);
    }
}
