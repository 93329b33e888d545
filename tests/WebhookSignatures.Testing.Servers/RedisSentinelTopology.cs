using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// A Redis primary, one replica and three Sentinels watching them, each a process of its own on a free loopback port in
/// a temporary folder, from the installed redis-server and redis-sentinel: a test that fails the primary over. Sentinels
/// declare the primary down after <see cref="DownAfter"/>, so a failover takes a few seconds. Everything stops when
/// this is disposed, or when the test host ends however it ends.
/// </summary>
public sealed class RedisSentinelTopology : IAsyncDisposable
{
    /// <summary>The name the Sentinels monitor the primary under (StackExchange.Redis' <c>serviceName=</c>).</summary>
    public const string ServiceName = "webhooksig";

    /// <summary>How long a primary must not answer before a Sentinel thinks it down.</summary>
    public static readonly TimeSpan DownAfter = TimeSpan.FromMilliseconds(1000);

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    private readonly List<RedisSentinelProcess> _sentinels;

    private RedisSentinelTopology(RedisServerProcess primary, RedisServerProcess replica, List<RedisSentinelProcess> sentinels)
    {
        Primary = primary;
        Replica = replica;
        _sentinels = sentinels;
    }

    /// <summary>The primary at the start.</summary>
    public RedisServerProcess Primary { get; }

    /// <summary>The replica at the start, which a failover promotes.</summary>
    public RedisServerProcess Replica { get; }

    /// <summary>The Sentinels' ports.</summary>
    public IReadOnlyList<int> SentinelPorts => [.. _sentinels.Select(s => s.Port)];

    /// <summary>A StackExchange.Redis configuration string naming the Sentinels and the service.</summary>
    public string Configuration =>
        string.Join(",", _sentinels.Select(s => $"127.0.0.1:{s.Port.ToString(CultureInfo.InvariantCulture)}")) + $",serviceName={ServiceName}";

    /// <summary>
    /// Starts the primary (with <paramref name="serverArguments"/>, such as <c>--appendonly yes</c>), its replica (with
    /// the same) and three Sentinels, and returns once the replica is in sync and every Sentinel knows the replica and
    /// the two other Sentinels, so that a failover can happen.
    /// </summary>
    public static async Task<RedisSentinelTopology> StartAsync(params string[] serverArguments)
    {
        // Without the usual five seconds' wait for more replicas before a primary sends one its data.
        serverArguments = [.. serverArguments, "--repl-diskless-sync-delay", "0"];
        var primary = await RedisServerProcess.StartAsync(serverArguments);
        RedisServerProcess? replica = null;
        var sentinels = new List<RedisSentinelProcess>();
        try
        {
            replica = await RedisServerProcess.StartAsync([.. serverArguments, "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture)]);
            for (var i = 0; i < 3; i++)
            {
                sentinels.Add(await RedisSentinelProcess.StartAsync(primary.Port, ServiceName, DownAfter));
            }

            var topology = new RedisSentinelTopology(primary, replica, sentinels);
            await topology.UntilReadyAsync();
            return topology;
        }
        catch
        {
            foreach (var sentinel in sentinels)
            {
                await sentinel.DisposeAsync();
            }

            if (replica is not null)
            {
                await replica.DisposeAsync();
            }

            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>The port of the primary the Sentinels name now, or null when none answers.</summary>
    public async Task<int?> PrimaryPortAsync()
    {
        foreach (var sentinel in _sentinels)
        {
            var reply = await RedisCommandLine.SendAsync(sentinel.Port, "SENTINEL", "get-master-addr-by-name", ServiceName);
            if (reply is { Count: >= 5 } && int.TryParse(reply[4], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }
        }

        return null;
    }

    /// <summary>Waits until the Sentinels name the replica as the primary, and it answers as one; returns how long that took.</summary>
    public async Task<TimeSpan> UntilReplicaPromotedAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (await PrimaryPortAsync() != Replica.Port || !await RoleIsAsync(Replica.Port, "role:master"))
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The Sentinels did not promote the replica within {deadline.TotalSeconds} s: {_sentinels[0].LogTail()}");
            }

            await Task.Delay(50);
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// Starts the killed first primary again, empty, as a replica of the promoted one (as an orchestrator restarting it
    /// would), and waits until it is in sync, so that writes waiting for a replica are acknowledged again.
    /// </summary>
    public async Task RestartOldPrimaryAsReplicaAsync(TimeSpan deadline)
    {
        await Primary.StartAgainAsync("--replicaof", "127.0.0.1", Replica.Port.ToString(CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        while (!await RoleIsAsync(Primary.Port, "master_link_status:up"))
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The old primary was not in sync with the new one within {deadline.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the Sentinels, the replica and the primary, and removes their folders.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var sentinel in _sentinels)
        {
            await sentinel.DisposeAsync();
        }

        await Replica.DisposeAsync();
        await Primary.DisposeAsync();
    }

    private async Task UntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!await IsReadyAsync())
        {
            if (clock.Elapsed > ReadyDeadline)
            {
                throw new TimeoutException($"The Sentinel topology was not ready within {ReadyDeadline.TotalSeconds} s: {_sentinels[0].LogTail()}");
            }

            await Task.Delay(100);
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        if (!await RoleIsAsync(Replica.Port, "master_link_status:up"))
        {
            return false;
        }

        foreach (var sentinel in _sentinels)
        {
            var replicas = await RedisCommandLine.SendAsync(sentinel.Port, "SENTINEL", "replicas", ServiceName);
            var others = await RedisCommandLine.SendAsync(sentinel.Port, "SENTINEL", "sentinels", ServiceName);
            if (replicas is null || replicas.Count == 0 || replicas[0] == "*0" || others is null || others.Count == 0 || others[0] != "*2")
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> RoleIsAsync(int port, string line) =>
        await RedisCommandLine.SendAsync(port, "INFO", "replication") is { } reply && reply.Contains(line);
}
