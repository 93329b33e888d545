using System.Globalization;
using System.Net.Sockets;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// The test run's Redis: started on first use from the installed redis-server and stopped when the run ends, or the
/// server <see cref="TestServerEnvironment.Redis"/> names. Each test keys its data under a prefix of its own
/// (<see cref="NewKeyPrefix"/>); a test that stops, pauses or kills Redis starts a <see cref="RedisServerProcess"/>
/// instead.
/// </summary>
public sealed class RedisServer
{
    private static readonly Lazy<Task<RedisServer>> Shared = new(StartAsync);

    private RedisServer(string configuration, string host, int port, bool isExternal)
    {
        Configuration = configuration;
        Host = host;
        Port = port;
        IsExternal = isExternal;
    }

    /// <summary>A StackExchange.Redis configuration string (<c>host:port</c>, options after commas).</summary>
    public string Configuration { get; }

    /// <summary>The loopback address Redis listens on.</summary>
    public string Host { get; }

    /// <summary>The port Redis listens on.</summary>
    public int Port { get; }

    /// <summary><c>host:port</c> alone, as a command-line option takes it.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when the server is the one the environment names, not one the tests started.</summary>
    public bool IsExternal { get; }

    /// <summary>
    /// The run's Redis, started on the first call. Every call fails at once, with the same one-line reason, when it
    /// cannot be had (not installed, or the environment's server does not answer).
    /// </summary>
    public static Task<RedisServer> SharedAsync() => Shared.Value;

    /// <summary>A key prefix no other test uses, so that tests sharing the server never see each other's keys.</summary>
    public static string NewKeyPrefix() => $"webhooksig-tests:{Guid.NewGuid():N}:";

    /// <summary>The server a configuration string names, checked to be local and to accept connections.</summary>
    internal static async Task<RedisServer> ExternalAsync(string configuration)
    {
        var (host, port) = LoopbackOnly.RedisEndpoint(TestServerEnvironment.Redis, configuration);
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(host, port, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            throw new InvalidOperationException($"Nothing answers at {host}:{port}, the Redis {TestServerEnvironment.Redis} names.", exception);
        }

        return new RedisServer(configuration, host, port, isExternal: true);
    }

    private static async Task<RedisServer> StartAsync()
    {
        if (TestServerEnvironment.Get(TestServerEnvironment.Redis) is { } named)
        {
            return await ExternalAsync(named);
        }

        // Stopped at the end of the run by its watchdog, like every server the tests start.
        var process = await RedisServerProcess.StartAsync();
        return new RedisServer(process.Configuration, "127.0.0.1", process.Port, isExternal: false);
    }
}
