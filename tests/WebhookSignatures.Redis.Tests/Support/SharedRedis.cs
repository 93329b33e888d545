using StackExchange.Redis;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>
/// The run's Redis (<see cref="Testing.Servers.RedisServer.SharedAsync"/>: started by the tests, or the one the environment names)
/// and one connection to it, made once for the whole run. Each test keys its data under a prefix of its own.
/// </summary>
public sealed class SharedRedis
{
    private static readonly Lazy<Task<SharedRedis>> Instance = new(ConnectAsync);

    private SharedRedis(RedisServer server, ConnectionMultiplexer connection)
    {
        Server = server;
        Connection = connection;
    }

    public RedisServer Server { get; }

    /// <summary>The StackExchange.Redis configuration string of the run's Redis.</summary>
    public string Configuration => Server.Configuration;

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public static Task<SharedRedis> GetAsync() => Instance.Value;

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewKeyPrefix() => RedisServer.NewKeyPrefix();

    /// <summary>A second, separate connection, as a second instance of an application has.</summary>
    public Task<ConnectionMultiplexer> ConnectAnotherAsync() => ConnectionMultiplexer.ConnectAsync(Options(Configuration));

    private static async Task<SharedRedis> ConnectAsync()
    {
        var server = await RedisServer.SharedAsync();
        var connection = await ConnectionMultiplexer.ConnectAsync(Options(server.Configuration));
        await connection.GetDatabase().PingAsync();
        return new SharedRedis(server, connection);
    }

    private static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.ConnectTimeout = 2000;
        options.ConnectRetry = 1;
        options.AbortOnConnectFail = true;
        return options;
    }
}
