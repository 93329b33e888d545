using System.Globalization;
using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>
/// What the store's Redis can lose, read from <c>INFO</c> (which managed services allow where they disable <c>CONFIG</c>):
/// whether it evicts keys under memory pressure, whether it keeps an append-only file and how often it syncs it, and how
/// many replicas are connected.
/// </summary>
internal sealed record RedisServerFacts(
    string Endpoint,
    string Role,
    long MaxMemory,
    string MaxMemoryPolicy,
    bool AppendOnly,
    string AppendFsync,
    int ConnectedReplicas)
{
    /// <summary>What <see cref="AppendFsync"/> says when <c>CONFIG GET</c> is not allowed.</summary>
    public const string Unknown = "unknown";

    /// <summary>Whether Redis may evict the store's keys: a memory limit, and a policy other than <c>noeviction</c>.</summary>
    public bool Evicts => MaxMemory > 0 && !string.Equals(MaxMemoryPolicy, "noeviction", StringComparison.OrdinalIgnoreCase);

    /// <summary>The facts on one line, for logs, the health check and <c>listen</c>.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"Redis at {Endpoint}: role {Role}; maxmemory {MaxMemory} bytes, maxmemory-policy {MaxMemoryPolicy}{(Evicts ? " (evicts keys)" : "")}; appendonly {(AppendOnly ? "yes" : "no")}, appendfsync {AppendFsync}; {ConnectedReplicas} connected replica(s)");

    /// <summary>The durability this Redis gives with <paramref name="replicasRequired"/> replicas required for a completion.</summary>
    public RedisDeliveryStoreDurability Durability(int replicasRequired) =>
        !AppendOnly ? RedisDeliveryStoreDurability.MayForgetOnRestart
        : replicasRequired > 0 && ConnectedReplicas >= replicasRequired ? RedisDeliveryStoreDurability.SurvivesFailover
        : RedisDeliveryStoreDurability.SurvivesRestart;

    /// <summary>Why this Redis is below <paramref name="accepted"/>, or null when it is not.</summary>
    public string? Shortfall(RedisDeliveryStoreDurability accepted, int replicasRequired)
    {
        if (Durability(replicasRequired) >= accepted)
        {
            return null;
        }

        if (!AppendOnly)
        {
            return "appendonly is no: a Redis restart forgets every reservation and completion, and duplicates that arrive after it run their handler again. "
                + "Turn on the append-only file (appendonly yes, appendfsync everysec or always), or accept it with AcceptedDurability = MayForgetOnRestart.";
        }

        return replicasRequired <= 0
            ? "a failover can lose completions not yet replicated: set ReplicatedCompletionReplicas, or accept it with AcceptedDurability = SurvivesRestart."
            : string.Create(CultureInfo.InvariantCulture, $"{ConnectedReplicas} replica(s) connected, fewer than the {replicasRequired} ReplicatedCompletionReplicas requires: completions are not replicated, and a failover can lose them.");
    }

    /// <summary>
    /// Reads the facts from the primary the connection writes to; null when the client refuses <c>INFO</c> (a connection
    /// of the application's without <c>allowAdmin</c>, which the client requires for it).
    /// </summary>
    public static async Task<RedisServerFacts?> ReadAsync(IConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        var server = multiplexer.GetServers().FirstOrDefault(s => s.IsConnected && !s.IsReplica)
            ?? throw new RedisException("no primary is connected");
        string info;
        try
        {
            info = await server.InfoRawAsync().WaitAsync(cancellationToken).ConfigureAwait(false) ?? "";
        }
        catch (RedisCommandException)
        {
            return null;
        }

        var values = Parse(info);
        var endpoint = RedisDeliveryStoreConnection.DescribeEndpoints([server.EndPoint]);
        return new RedisServerFacts(
            endpoint,
            values.GetValueOrDefault("role", Unknown),
            long.TryParse(values.GetValueOrDefault("maxmemory"), NumberStyles.None, CultureInfo.InvariantCulture, out var maxMemory) ? maxMemory : 0,
            values.GetValueOrDefault("maxmemory_policy", Unknown),
            values.GetValueOrDefault("aof_enabled") == "1",
            await AppendFsyncAsync(server, cancellationToken).ConfigureAwait(false),
            int.TryParse(values.GetValueOrDefault("connected_slaves"), NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) ? replicas : 0);
    }

    internal static Dictionary<string, string> Parse(string info)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in info.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith('#'))
            {
                values[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        return values;
    }

    // CONFIG is an administrative command: the client sends it only with allowAdmin (which the store's own connection
    // sets, and sends nothing else of the kind), and managed services often refuse it.
    private static async Task<string> AppendFsyncAsync(IServer server, CancellationToken cancellationToken)
    {
        try
        {
            var pairs = await server.ConfigGetAsync("appendfsync").WaitAsync(cancellationToken).ConfigureAwait(false);
            return pairs.Length == 1 && !string.IsNullOrEmpty(pairs[0].Value) ? pairs[0].Value : Unknown;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refused by the client (no allowAdmin on a connection of the application's) or by the server (a managed service).
            return Unknown;
        }
    }
}
