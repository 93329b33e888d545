namespace WebhookSignatures.Redis;

/// <summary>
/// How the Redis delivery store connects: set with
/// <c>services.AddWebhookSignatures().AddRedisDeliveryStore(options =&gt; …)</c>.
/// </summary>
public sealed class RedisWebhookDeliveryStoreOptions
{
    /// <summary>
    /// The StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6380,ssl=true,password=…</c>. The store then opens and owns one connection for the
    /// application. When <see langword="null"/> or empty, the store uses the <c>IConnectionMultiplexer</c>
    /// registered in the application's services instead (with that connection's own timeouts).
    /// </summary>
    /// <remarks>
    /// <see cref="ConnectTimeout"/> and <see cref="OperationTimeout"/> replace any timeouts written in the string,
    /// and the connection keeps retrying in the background after a failure, so it recovers by itself when Redis
    /// comes back. The password never appears in the store's messages.
    /// </remarks>
    public string? Configuration { get; set; }

    /// <summary>
    /// What every key starts with; the rest is the delivery key (<c>&lt;registration&gt;:id:&lt;hex&gt;</c> or
    /// <c>&lt;registration&gt;:content:&lt;hex&gt;</c>). Defaults to <c>webhooksig:</c>. Applications sharing one Redis
    /// give each its own prefix.
    /// </summary>
    public string KeyPrefix { get; set; } = "webhooksig:";

    /// <summary>
    /// How long connecting to Redis may take before the attempt counts as failed; defaults to one second.
    /// Applies to the connection the store opens from <see cref="Configuration"/>.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one Redis command may take, including the time it waits for a connection that is down, before it
    /// fails with an exception (the request then gets 503); defaults to one second. Applies to the connection the
    /// store opens from <see cref="Configuration"/>.
    /// </summary>
    /// <remarks>
    /// The start-up check and the health check wait <see cref="ConnectTimeout"/> plus this plus a second for a
    /// <c>PING</c>, on any connection.
    /// </remarks>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What the application accepts that Redis may forget; <see cref="RedisDeliveryStoreDurability.SurvivesRestart"/> by
    /// default. Read at start-up and by the health check from <c>INFO</c>: below it, the store logs a warning naming the
    /// setting at start-up (or refuses to start, with <see cref="RefuseBelowDurability"/>) and the health check reports
    /// Degraded. Set <see cref="RedisDeliveryStoreDurability.MayForgetOnRestart"/> for a Redis without persistence by choice.
    /// </summary>
    public RedisDeliveryStoreDurability AcceptedDurability { get; set; } = RedisDeliveryStoreDurability.SurvivesRestart;

    /// <summary>
    /// Whether a Redis below <see cref="AcceptedDurability"/> refuses the application's start instead of a warning;
    /// <see langword="false"/> by default.
    /// </summary>
    public bool RefuseBelowDurability { get; set; }

    /// <summary>
    /// Whether the application starts on a Redis that evicts keys under memory pressure (<c>maxmemory</c> set and a
    /// <c>maxmemory-policy</c> other than <c>noeviction</c>); <see langword="false"/> by default, as an evicted completion
    /// runs its duplicate's handler again without a word. Set <c>maxmemory-policy noeviction</c> instead where you can.
    /// </summary>
    public bool AllowEvictingRedis { get; set; }

    /// <summary>
    /// How many replicas must hold a reservation, and a completion, before the delivery goes on (<c>WAIT</c>); 0, the
    /// default, waits for none. A reservation not replicated within <see cref="ReplicatedCompletionWait"/> answers 503, as
    /// nothing has run; a completion not replicated in time still answers 2xx, and is logged and counted.
    /// </summary>
    /// <remarks>
    /// Needs <see cref="Configuration"/>: these writes, each followed by its <c>WAIT</c>, go over connections of their own
    /// (<see cref="ReplicatedCompletionConnections"/>), since <c>WAIT</c> holds up the connection it runs on. Redis stays
    /// asynchronous: a replica that acknowledged a write can still lose it, and a failover can still promote a replica that
    /// did not; <c>min-replicas-to-write</c> on the primary narrows that further.
    /// </remarks>
    public int ReplicatedCompletionReplicas { get; set; }

    /// <summary>How long a write waits for <see cref="ReplicatedCompletionReplicas"/> replicas; half a second by default.</summary>
    public TimeSpan ReplicatedCompletionWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many connections carry the writes that wait for replicas, one write and its <c>WAIT</c> at a time each; 8 by
    /// default. More writes than this at once queue for a connection, never behind another's <c>WAIT</c> on the shared one.
    /// </summary>
    public int ReplicatedCompletionConnections { get; set; } = 8;
}
