using System.Diagnostics;
using System.Threading.Channels;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// A program a crash test starts and kills: its standard output read line by line (so the test waits for the line that
/// says the program reached the point to kill it at), its standard error kept for failure messages, its standard input
/// open for lines the program waits for. <see cref="KillAsync"/> sends SIGKILL, as a crash; disposing does the same.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="WaitForLineAsync"/> waits by default: a bound on a hang, not a timing assertion.</summary>
    public static readonly TimeSpan LineDeadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private ChildProcess(Process process) => _process = process;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its process id.</summary>
    public int Id => _process.Id;

    /// <summary>Everything it printed so far, standard error marked, for a failure's message.</summary>
    public string Output
    {
        get
        {
            lock (_seen)
            {
                return string.Join('\n', _seen);
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and, when given, extra environment variables.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start."));
        _ = child.ReadAsync();
        _ = child.ReadErrorsAsync();
        return child;
    }

    /// <summary>
    /// Waits until the process prints a line that starts with <paramref name="prefix"/> (one printed earlier counts),
    /// and returns it; throws, with what it printed, when none comes within <paramref name="deadline"/> or it exits.
    /// </summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan? deadline = null)
    {
        lock (_seen)
        {
            if (_seen.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } seen)
            {
                return seen;
            }
        }

        using var limit = new CancellationTokenSource(deadline ?? LineDeadline);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(limit.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"{_process.StartInfo.FileName} printed no line starting '{prefix}'; it printed:\n{Output}");
        }
    }

    /// <summary>Writes a line to its standard input.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Sends a signal by name (STOP, CONT, TERM…): SIGSTOP stalls the whole process, its timers included, as a long
    /// pause of the machine or the runtime would, until SIGCONT.
    /// </summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -s {signal} failed with {kill.ExitCode}.");
        }
    }

    /// <summary>SIGKILL, as a crash: nothing of the process runs after it. Returns once it has ended.</summary>
    public async Task KillAsync()
    {
        // A stopped process dies of SIGKILL too; nothing to resume first.
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.Add(line);
            }

            await _lines.Writer.WriteAsync(line);
        }

        _lines.Writer.TryComplete();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.Add("stderr: " + line);
            }
        }
    }
}
