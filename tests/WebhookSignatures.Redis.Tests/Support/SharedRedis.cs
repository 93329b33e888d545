using StackExchange.Redis;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>
/// The Redis that <c>.ci/run</c> starts on 127.0.0.1:6379, pinged once for the whole run with a short timeout, so
/// every test that needs it fails at once with one clear message when it is not there.
/// </summary>
public sealed class SharedRedis
{
    public const string Configuration = "127.0.0.1:6379";

    private static readonly Lazy<Task<SharedRedis>> Instance = new(ConnectAsync);

    private SharedRedis(ConnectionMultiplexer connection) => Connection = connection;

    /// <summary>Unique to this run, so reruns against the same Redis never see each other's keys.</summary>
    public static string KeyPrefix { get; } = $"webhooksig-tests:{Guid.NewGuid():N}:";

    public ConnectionMultiplexer Connection { get; }

    public IDatabase Database => Connection.GetDatabase();

    public static Task<SharedRedis> GetAsync() => Instance.Value;

    /// <summary>A second, separate connection, as a second instance of an application has.</summary>
    public static Task<ConnectionMultiplexer> ConnectAnotherAsync() => ConnectionMultiplexer.ConnectAsync(Options());

    private static async Task<SharedRedis> ConnectAsync()
    {
        try
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(Options());
            await connection.GetDatabase().PingAsync();
            return new SharedRedis(connection);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            throw new InvalidOperationException($"Redis is not reachable at {Configuration} (.ci/run starts it)", exception);
        }
    }

    private static ConfigurationOptions Options()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.ConnectTimeout = 2000;
        options.ConnectRetry = 1;
        options.AbortOnConnectFail = true;
        return options;
    }
}
