using Npgsql;

namespace WebhookSignatures.Testing.Servers;

/// <summary>A database of one test's own, created on a PostgreSQL server and dropped when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private PostgresDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The database's name: <c>test_</c> and 32 hex digits.</summary>
    public string Name { get; }

    /// <summary>An Npgsql connection string for this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a connection to this database.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Drops the database, closing any connection still open to it.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        try
        {
            await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A server that is down (a test stopped its own) takes the database with it when its folder goes.
        }
    }

    internal static async Task<PostgresDatabase> CreateAsync(string serverConnectionString)
    {
        var database = new PostgresDatabase(serverConnectionString, $"test_{Guid.NewGuid():N}");
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    // Administration goes over a connection of its own, never a pooled one a restarted server may have broken.
    private static async Task ExecuteAsync(string serverConnectionString, string sql)
    {
        var unpooled = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
