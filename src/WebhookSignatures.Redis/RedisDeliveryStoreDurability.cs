namespace WebhookSignatures.Redis;

/// <summary>
/// What the application accepts that its Redis may forget, in rising order of what it must keep. Below the level chosen,
/// the store warns at start-up (or refuses to start, with <see cref="RedisWebhookDeliveryStoreOptions.RefuseBelowDurability"/>)
/// and its health check reports Degraded; at or above it, Healthy.
/// </summary>
public enum RedisDeliveryStoreDurability
{
    /// <summary>
    /// A Redis restart may forget every delivery (no AOF): the application accepts that a duplicate arriving after a
    /// restart runs its handler again, as a managed Redis without persistence does.
    /// </summary>
    MayForgetOnRestart = 0,

    /// <summary>
    /// Deliveries survive a Redis restart: the append-only file is on (<c>appendonly yes</c>). The default.
    /// </summary>
    SurvivesRestart = 1,

    /// <summary>
    /// Deliveries survive a restart and a failover to a replica: the append-only file is on, replicated completion is
    /// configured (<see cref="RedisWebhookDeliveryStoreOptions.ReplicatedCompletionReplicas"/>), and at least that many
    /// replicas are connected.
    /// </summary>
    SurvivesFailover = 2,
}
