using Npgsql;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// The test run's PostgreSQL: started on first use from the installed binaries and stopped when the run ends, or the
/// server <see cref="TestServerEnvironment.Postgres"/> names. Each test takes a database of its own on it
/// (<see cref="CreateDatabaseAsync"/>); a test that stops or kills PostgreSQL starts a
/// <see cref="PostgresServerProcess"/> instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string connectionString, bool isExternal)
    {
        ConnectionString = connectionString;
        IsExternal = isExternal;
    }

    /// <summary>A connection string for the server's maintenance database, as a user that may create databases.</summary>
    public string ConnectionString { get; }

    /// <summary>True when the server is the one the environment names, not one the tests started.</summary>
    public bool IsExternal { get; }

    /// <summary>
    /// The run's PostgreSQL, started on the first call. Every call fails at once, with the same one-line reason, when
    /// it cannot be had (not installed, or the environment's server does not answer).
    /// </summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Creates a database of the caller's own.</summary>
    public Task<PostgresDatabase> CreateDatabaseAsync() => PostgresDatabase.CreateAsync(ConnectionString);

    /// <summary>The connection string the environment gives, refused unless every host is local; no connection is opened.</summary>
    internal static NpgsqlConnectionStringBuilder LocalConnectionString(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"{TestServerEnvironment.Postgres} is not an Npgsql connection string: {exception.Message}");
        }

        LoopbackOnly.RequirePostgresHosts(TestServerEnvironment.Postgres, (builder.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        builder.Timeout = Math.Min(builder.Timeout, 5);
        return builder;
    }

    /// <summary>The server a connection string names, checked to be local and to answer.</summary>
    internal static async Task<PostgresServer> ExternalAsync(string connectionString)
    {
        var builder = LocalConnectionString(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException($"The PostgreSQL server {TestServerEnvironment.Postgres} names does not answer: {exception.Message}", exception);
        }

        return new PostgresServer(builder.ConnectionString, isExternal: true);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (TestServerEnvironment.Get(TestServerEnvironment.Postgres) is { } named)
        {
            return await ExternalAsync(named);
        }

        // Stopped at the end of the run by its watchdog, like every server the tests start.
        var process = await PostgresServerProcess.StartAsync();
        return new PostgresServer(process.ConnectionString, isExternal: false);
    }
}
