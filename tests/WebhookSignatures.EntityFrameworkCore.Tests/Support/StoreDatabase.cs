using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.TestReceiver;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>Which database a test runs on.</summary>
public enum Provider
{
    PostgreSql,
    Sqlite,
}

/// <summary>
/// A database of the test's own with the application's schema (effects and deliveries): on the run's PostgreSQL (a new
/// database per test) or in a new SQLite file in WAL mode. Dropped or deleted when disposed.
/// </summary>
public sealed class StoreDatabase : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;
    private readonly string? _file;

    private StoreDatabase(Provider provider, string connectionString, PostgresDatabase? postgres, string? file)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgres = postgres;
        _file = file;
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A database on a PostgreSQL of the test's own (one it stops or kills).</summary>
    public static async Task<StoreDatabase> CreateOnAsync(PostgresServerProcess server) =>
        await PrepareAsync(new StoreDatabase(Provider.PostgreSql, (await server.CreateDatabaseAsync()).ConnectionString, null, null));

    public static async Task<StoreDatabase> CreateAsync(Provider provider)
    {
        StoreDatabase database;
        if (provider == Provider.PostgreSql)
        {
            var server = await PostgresServer.SharedAsync();
            var created = await server.CreateDatabaseAsync();
            database = new StoreDatabase(provider, created.ConnectionString, created, null);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"webhooksig-{Guid.NewGuid():N}.db");
            database = new StoreDatabase(provider, new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ConnectionString, null, file);
        }

        return await PrepareAsync(database);
    }

    private static async Task<StoreDatabase> PrepareAsync(StoreDatabase database)
    {
        await using var context = database.NewContext();
        await context.Database.EnsureCreatedAsync();
        await context.Database.ExecuteSqlRawAsync(database.Provider == Provider.PostgreSql ? Counters.Schema : "PRAGMA journal_mode=WAL");
        return database;
    }

    /// <summary>Options for the application's context on this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == Provider.PostgreSql)
        {
            options.UseNpgsql(ConnectionString);
        }
        else
        {
            options.UseSqlite(ConnectionString);
        }
    }

    /// <summary>A context without the store, for reading and arranging rows.</summary>
    public OrdersContext NewContext()
    {
        var options = new DbContextOptionsBuilder<OrdersContext>();
        Configure(options);
        return new OrdersContext(options.Options);
    }

    /// <summary>The services of one application instance with the store registered; <paramref name="more"/> adds to them.</summary>
    public ServiceProvider Services(Action<IServiceCollection>? more = null, Action<EntityFrameworkDeliveryStoreOptions>? store = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<OrdersContext>(Configure);
        services.AddWebhookSignatures().AddEntityFrameworkDeliveryStore<OrdersContext>(store);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var context = NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(_file + suffix);
            }
        }
    }
}
