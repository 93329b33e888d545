using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// A PostgreSQL server of the caller's own: a cluster made by initdb in a temporary folder, listening on a free loopback
/// port and on a Unix socket in that folder, trusting loopback connections only. A test that stops or kills PostgreSQL
/// starts one of these; it never outlives the test run, even when the test host dies.
/// </summary>
/// <remarks>
/// Debian keeps the binaries in <c>/usr/lib/postgresql/N/bin</c>, off PATH; a cluster Debian's package may run on 5432
/// is never touched. initdb and postgres refuse to run as root, so a root test host runs them as an unprivileged user
/// (see <see cref="TestServerEnvironment.PostgresUser"/>) that owns the folder.
/// </remarks>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    /// <summary>The superuser initdb creates, whatever the operating system's user.</summary>
    public const string Superuser = "postgres";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    private readonly string _bin;
    private readonly UnprivilegedUser? _user;
    private ServerWatchdog? _watchdog;

    private readonly bool _durable;

    private PostgresServerProcess(string bin, UnprivilegedUser? user, string folder, bool durable)
    {
        _bin = bin;
        _user = user;
        Folder = folder;
        _durable = durable;
    }

    /// <summary>The loopback port PostgreSQL listens on, the same after <see cref="StartAgainAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The temporary folder: the cluster in <c>data</c>, the Unix socket beside it; removed when this is disposed.</summary>
    public string Folder { get; }

    /// <summary>The folder of the server's Unix socket (<c>Host=</c> this folder connects through it).</summary>
    public string SocketFolder => Folder;

    /// <summary>The running postmaster's process id, or null while it is stopped.</summary>
    public int? ProcessId => _watchdog is { Exited.IsCompleted: false } running ? running.ServerProcessId : null;

    /// <summary>A connection string for the <c>postgres</c> database as the superuser, over TCP on 127.0.0.1.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = "postgres",
        Timeout = 5,
    }.ConnectionString;

    /// <summary>
    /// Creates a cluster with initdb and starts PostgreSQL on it, waiting until it accepts connections. Fails at once,
    /// saying what to install, when PostgreSQL's server binaries are not installed.
    /// </summary>
    /// <param name="durable">
    /// Whether a commit waits for its write-ahead log to be written and flushed, as PostgreSQL's defaults do, so that what
    /// it acknowledged survives a SIGKILL. By default the cluster trades that away for speed: a test that kills
    /// PostgreSQL and counts what it acknowledged asks for it.
    /// </param>
    public static async Task<PostgresServerProcess> StartAsync(bool durable = false)
    {
        var bin = InstalledBinary.PostgresFolder(TestServerEnvironment.Get(TestServerEnvironment.PostgresBin), Environment.GetEnvironmentVariable("PATH"));
        var user = Environment.IsPrivilegedProcess ? UnprivilegedUser.Find() : null;
        var server = new PostgresServerProcess(bin, user, Directory.CreateTempSubdirectory("webhooksig-postgres-").FullName, durable);
        try
        {
            user?.Own(server.Folder);
            await server.CreateClusterAsync();

            // Another process can take a port between the system handing it out and PostgreSQL binding it: try a few.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort.Next();
                var failure = await server.TryStartAsync();
                if (failure is null)
                {
                    return server;
                }

                if (attempt == 4)
                {
                    throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{server.Port}: {failure}");
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts PostgreSQL again on the same port and cluster, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        // After a SIGKILL the old server's backends take a moment to notice and leave; until then the cluster's shared
        // memory is theirs and a new postmaster refuses to start.
        var clock = Stopwatch.StartNew();
        while (await TryStartAsync() is { } failure)
        {
            if (clock.Elapsed > StartDeadline)
            {
                throw new InvalidOperationException($"PostgreSQL did not start again on 127.0.0.1:{Port}: {failure}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Shuts PostgreSQL down (fast shutdown: clients are disconnected) and waits until it is gone.</summary>
    public Task StopAsync() => StopAsync("INT");

    /// <summary>Kills the postmaster with SIGKILL, as a crash would, and waits until it is gone.</summary>
    public Task KillAsync() => StopAsync("KILL");

    /// <summary>Creates a database of the caller's own on this server.</summary>
    public Task<PostgresDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync(ConnectionString);

    /// <summary>Stops PostgreSQL and removes its folder.</summary>
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

    private async Task StopAsync(string signal)
    {
        if (_watchdog is { } watchdog)
        {
            await watchdog.StopAsync(signal);
        }
    }

    private async Task CreateClusterAsync()
    {
        string[] command =
        [
            .. _user is null ? [] : ServerCommand.As(_user),
            Path.Combine(_bin, "initdb"), "-D", Path.Combine(Folder, "data"), "-U", Superuser, "-A", "trust", "-E", "UTF8",
            "--no-locale", "--no-sync", "--no-instructions",
        ];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var initdb = Process.Start(start) ?? throw new InvalidOperationException("initdb did not start.");
        var output = initdb.StandardOutput.ReadToEndAsync();
        var errors = initdb.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await initdb.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            initdb.Kill();
            throw new InvalidOperationException("initdb did not finish within two minutes.");
        }

        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed ({initdb.ExitCode}{(_user is null ? "" : $", as {_user.Name}")}): {await errors} {await output}".TrimEnd());
        }
    }

    /// <summary>Starts the postmaster and waits until it accepts connections; null when it does, else why not.</summary>
    private async Task<string?> TryStartAsync()
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException("This PostgreSQL is already running.");
        }

        string[] command =
        [
            .. _user is null ? [] : ServerCommand.As(_user),
            .. ServerCommand.DiesWithItsWatchdog(),
            Path.Combine(_bin, "postgres"), "-D", Path.Combine(Folder, "data"), "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-h", "127.0.0.1", "-k", SocketFolder,
            // Tests run side by side, and one may hold a hundred connections at once (fifty deliveries, each with the
            // store's connection and the handler's): the default of 100 would refuse some of them.
            "-c", "max_connections=400",
            // Durability is the operating system's here unless asked for: the cluster is thrown away after the run.
            .. _durable ? [] : (string[])["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        ];
        var watchdog = await ServerWatchdog.StartAsync(Folder, "QUIT", command);
        if (_watchdog is { } previous)
        {
            await previous.HandOnFolderAsync();
        }

        _watchdog = watchdog;
        var clock = Stopwatch.StartNew();
        while (!await AcceptsConnectionsAsync())
        {
            if (watchdog.Exited.IsCompleted || clock.Elapsed > StartDeadline)
            {
                await watchdog.StopAsync("QUIT");
                return watchdog.LogTail();
            }

            await Task.Delay(50);
        }

        return null;
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Timeout=1;Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return false;
        }
    }
}
