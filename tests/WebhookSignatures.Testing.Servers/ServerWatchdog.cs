using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// One start of a server process, through <c>watchdog.sh</c>: a small shell that is the server's parent and stops it,
/// and removes its folder, as soon as the test host's end of its standard input closes. The kernel closes that pipe
/// however the host ends (a normal exit, an exception, SIGKILL), so no server outlives the test run. The watchdog
/// stays after its server has ended, guarding the folder, until it is disposed or hands the folder on.
/// </summary>
/// <remarks>
/// Why not the parent-death signal on the server itself: Linux sends it when the thread that forked exits, and .NET
/// starts processes from whichever thread asks, often a thread-pool thread that retires long before the run ends. The
/// pipe follows the process, not a thread, and needs no polling of a process id that the system may reuse.
/// </remarks>
internal sealed class ServerWatchdog : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ServerWatchdog, byte> Running = new();

    private static readonly string Script = ReadScript();

    private readonly Process _shell;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _errors = new();
    private readonly SemaphoreSlim _signalling = new(1, 1);
    private TaskCompletionSource? _signalled;
    private int _disposed;

    static ServerWatchdog() => AppDomain.CurrentDomain.ProcessExit += static (_, _) => StopAllAtExit();

    private ServerWatchdog(Process shell, int serverProcessId, string folder)
    {
        _shell = shell;
        ServerProcessId = serverProcessId;
        Folder = folder;
    }

    /// <summary>The server's own process id (the shell's child).</summary>
    public int ServerProcessId { get; }

    /// <summary>The watching shell's own process id.</summary>
    public int ShellProcessId => _shell.Id;

    /// <summary>The folder the server works in, removed when the server stops for good.</summary>
    public string Folder { get; }

    /// <summary>Completes with the server's exit status once it has ended.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>What the server wrote to its standard output and error, for failure messages.</summary>
    public string LogTail(int characters = 2000)
    {
        try
        {
            var log = File.ReadAllText(Path.Combine(Folder, "server.log"));
            return log.Length <= characters ? log : log[^characters..];
        }
        catch (IOException)
        {
            return "(no log)";
        }
        catch (UnauthorizedAccessException)
        {
            return "(no log)";
        }
    }

    /// <summary>
    /// Starts <paramref name="command"/> with <paramref name="folder"/> (which must exist) in its care: disposing the
    /// watchdog, or the host's end, stops the server with <paramref name="stopSignal"/> and removes the folder.
    /// </summary>
    public static async Task<ServerWatchdog> StartAsync(string folder, string stopSignal, IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", Script, "watchdog", folder, stopSignal, .. command])
        {
            start.ArgumentList.Add(argument);
        }

        var shell = Process.Start(start) ?? throw new InvalidOperationException("/bin/sh did not start.");
        shell.StandardInput.AutoFlush = true;
        var started = await shell.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (started is null || !started.StartsWith("started ", StringComparison.Ordinal)
            || !int.TryParse(started.AsSpan("started ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            var errors = await shell.StandardError.ReadToEndAsync();
            shell.Kill();
            shell.Dispose();
            throw new InvalidOperationException($"The server watchdog did not start {command[0]}: {started} {errors}".TrimEnd());
        }

        var watchdog = new ServerWatchdog(shell, pid, folder);
        Running.TryAdd(watchdog, 0);
        _ = watchdog.ReadErrorsAsync();
        _ = watchdog.WaitForExitAsync();
        return watchdog;
    }

    /// <summary>Sends the server a signal by name (STOP, CONT, KILL, TERM, QUIT…) and returns once it was sent.</summary>
    public async Task SignalAsync(string signal)
    {
        await _signalling.WaitAsync();
        try
        {
            if (Exited.IsCompleted)
            {
                return;
            }

            var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _signalled, signalled);
            try
            {
                await _shell.StandardInput.WriteLineAsync($"signal {signal}");
            }
            catch (IOException)
            {
                // The shell is gone, and its server with it.
                return;
            }

            await Task.WhenAny(signalled.Task, Exited).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _signalling.Release();
        }
    }

    /// <summary>Stops the server with <paramref name="signal"/> and waits until it has ended; the folder stays.</summary>
    public async Task StopAsync(string signal)
    {
        await SignalAsync(signal);
        await Exited.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Once the server has ended, lets the watchdog go without removing the folder, for the server's next start.</summary>
    public async Task HandOnFolderAsync()
    {
        await Exited.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            await _shell.StandardInput.WriteLineAsync("keep");
        }
        catch (IOException)
        {
            // The shell is gone, and with it any claim on the folder.
        }

        await DisposeAsync();
    }

    /// <summary>Closes the pipe, as the host's end would: the server stops and the folder goes, unless handed on.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        CloseInput();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _shell.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            Running.TryRemove(this, out _);
            _shell.Dispose();
        }
    }

    private static void StopAllAtExit()
    {
        // The pipes would close a moment after the host exits anyway; closing them here, and waiting, means the servers
        // are gone by the time `dotnet test` returns.
        var running = Running.Keys.ToArray();
        foreach (var watchdog in running)
        {
            watchdog.CloseInput();
        }

        foreach (var watchdog in running)
        {
            try
            {
                watchdog._shell.WaitForExit(TimeSpan.FromSeconds(15));
            }
            catch (InvalidOperationException)
            {
                // Disposed meanwhile.
            }
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(ServerWatchdog).Assembly.GetManifestResourceStream("WebhookSignatures.Testing.Servers.watchdog.sh")
            ?? throw new InvalidOperationException("watchdog.sh is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void CloseInput()
    {
        try
        {
            _shell.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already closed by the other end.
        }
    }

    private async Task ReadErrorsAsync()
    {
        while (await _shell.StandardError.ReadLineAsync() is { } line)
        {
            lock (_errors)
            {
                _errors.AppendLine(line);
            }
        }
    }

    private async Task WaitForExitAsync()
    {
        try
        {
            while (await _shell.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("signalled ", StringComparison.Ordinal))
                {
                    Volatile.Read(ref _signalled)?.TrySetResult();
                    continue;
                }

                if (line.StartsWith("exited ", StringComparison.Ordinal)
                    && int.TryParse(line.AsSpan("exited ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                {
                    _exited.TrySetResult(status);
                    return;
                }
            }

            string errors;
            lock (_errors)
            {
                errors = _errors.ToString();
            }

            _exited.TrySetException(new InvalidOperationException($"The server watchdog ended without reporting the server's exit. {errors}".TrimEnd()));
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _exited.TrySetException(exception);
        }
    }
}
