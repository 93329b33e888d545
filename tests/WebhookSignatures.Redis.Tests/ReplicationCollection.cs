namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// The tests that time replication (a primary, replicas, Sentinels, a failover) run on their own, after the others:
/// they keep the machine busy for seconds, and the other tests' one-second operation timeouts would feel it.
/// </summary>
[CollectionDefinition("Replication", DisableParallelization = true)]
public sealed class ReplicationCollection;
