using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// A redis-server of the caller's own on a free loopback port, in a temporary folder, without persistence. A test that
/// stops, pauses or kills Redis starts one of these; it never outlives the test run, even when the test host dies.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly string _executable;
    private readonly string[] _arguments;
    private ServerWatchdog? _watchdog;

    private RedisServerProcess(string executable, string folder, int port, string[] arguments)
    {
        _executable = executable;
        Folder = folder;
        Port = port;
        _arguments = arguments;
    }

    /// <summary>The loopback port Redis listens on, the same after <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, a StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The temporary folder Redis runs in; removed when this is disposed.</summary>
    public string Folder { get; }

    /// <summary>The running redis-server's process id, or null while it is stopped.</summary>
    public int? ProcessId => _watchdog is { Exited.IsCompleted: false } running ? running.ServerProcessId : null;

    /// <summary>The process id of the shell that watches the running server.</summary>
    internal int? WatchdogProcessId => _watchdog?.ShellProcessId;

    /// <summary>
    /// Starts redis-server from the installed binary and waits until it answers PING. Fails at once, saying what to
    /// install, when redis-server is not installed.
    /// </summary>
    /// <param name="arguments">
    /// Options after the defaults, which they override (such as <c>--maxmemory-policy allkeys-lru</c>, <c>--appendonly yes</c>
    /// or <c>--replicaof 127.0.0.1 6379</c>), given again on each start.
    /// </param>
    public static async Task<RedisServerProcess> StartAsync(params string[] arguments)
    {
        var executable = InstalledBinary.RedisServer(Environment.GetEnvironmentVariable("PATH"));

        // Another process can take a port between the system handing it out and Redis binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServerProcess(executable, Directory.CreateTempSubdirectory("webhooksig-redis-").FullName, FreePort.Next(), arguments);
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 4)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts Redis again on the same port, empty, and waits until it answers PING.</summary>
    /// <param name="moreArguments">Options for this start only, after those it was first started with, such as <c>--replicaof</c>.</param>
    public async Task StartAgainAsync(params string[] moreArguments)
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException("This Redis is already running.");
        }

        string[] command =
        [
            .. ServerCommand.DiesWithItsWatchdog(),
            _executable, "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--protected-mode", "yes",
            "--save", "", "--appendonly", "no", "--dir", Folder, "--daemonize", "no", "--logfile", "",
            .. _arguments, .. moreArguments,
        ];
        var watchdog = await ServerWatchdog.StartAsync(Folder, "TERM", command);
        if (_watchdog is { } previous)
        {
            await previous.HandOnFolderAsync();
        }

        _watchdog = watchdog;
        var clock = Stopwatch.StartNew();
        while (!await AnswersPingAsync(Port))
        {
            if (watchdog.Exited.IsCompleted || clock.Elapsed > StartDeadline)
            {
                await StopAsync();
                throw new InvalidOperationException($"redis-server did not answer on 127.0.0.1:{Port}: {watchdog.LogTail()}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Kills Redis at once (SIGKILL), as a crash would, and waits until it is gone. The port stays this one's.</summary>
    public async Task StopAsync()
    {
        if (_watchdog is { } watchdog)
        {
            await watchdog.StopAsync("KILL");
        }
    }

    /// <summary>Freezes Redis (SIGSTOP): connections stay open and nothing answers, as in a long pause.</summary>
    public async Task PauseAsync()
    {
        var watchdog = Running();
        await watchdog.SignalAsync("STOP");
        await ProcessState.UntilStoppedAsync(watchdog.ServerProcessId);
    }

    /// <summary>Lets a paused Redis run again (SIGCONT).</summary>
    public Task ResumeAsync() => Running().SignalAsync("CONT");

    /// <summary>Stops Redis and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_watchdog is { } watchdog)
        {
            _watchdog = null;
            await watchdog.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The watchdog removed it.
        }
    }

    /// <summary>True once a redis-server on <paramref name="port"/> answers PING with PONG.</summary>
    internal static async Task<bool> AnswersPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private ServerWatchdog Running() => _watchdog is { Exited.IsCompleted: false } running ? running : throw new InvalidOperationException("This Redis is stopped.");
}
