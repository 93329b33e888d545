using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>webhooksig listen</c> as a real process on a free loopback port: its address from the start-up line, its
/// resident memory, and everything it printed once stopped with SIGTERM.
/// </summary>
internal sealed class ListenProcess : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly Task _reading;

    private ListenProcess(Process process, Uri url, string firstLine)
    {
        _process = process;
        Url = url;
        _out.AppendLine(firstLine);
        _reading = Task.WhenAll(CopyAsync(process.StandardOutput, _out), CopyAsync(process.StandardError, _error));
    }

    /// <summary>The receiving URL, as the start-up line gives it.</summary>
    public Uri Url { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>listen --urls http://127.0.0.1:0</c> with <paramref name="args"/> and waits for its start-up line.</summary>
    public static async Task<ListenProcess> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[ToolProcess.ToolPath, "listen", "--urls", "http://127.0.0.1:0", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var limit = new CancellationTokenSource(Limit);
        var first = await process.StandardOutput.ReadLineAsync(limit.Token);
        const string Prefix = "listening on ";
        if (first is null || !first.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync(limit.Token);
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"listen did not start: {first}\n{error}");
        }

        var url = first[Prefix.Length..].Split(' ')[0];
        return new ListenProcess(process, new Uri(url), first);
    }

    /// <summary>The process's resident set size (Linux), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("No VmRSS line.");
    }

    /// <summary>Stops it with SIGTERM, as a service manager does, and returns its exit code and output.</summary>
    public async Task<CliOutcome> StopAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(limit.Token);
        }

        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"listen did not stop within {Limit} of SIGTERM.");
        }

        await _reading;
        return new CliOutcome(_process.ExitCode, _out.ToString(), _error.ToString());
    }

    /// <summary>SIGKILL, as a crash: nothing of the process runs after it. Returns once it has ended.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }
}
