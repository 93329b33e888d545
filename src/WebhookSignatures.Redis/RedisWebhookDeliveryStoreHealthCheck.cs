using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>
/// Reports whether the delivery store's Redis answers a <c>PING</c> in time and what it can lose (from <c>INFO</c>):
/// healthy with the round trip and those facts; degraded below the durability the application accepts; the
/// registration's failure status when it evicts keys without the application's consent, or does not answer. Register it with
/// <c>services.AddHealthChecks().AddRedisWebhookDeliveryStore()</c>.
/// </summary>
internal sealed class RedisWebhookDeliveryStoreHealthCheck : IHealthCheck
{
    private readonly RedisDeliveryStoreConnection _connection;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check over a connection of its own.</summary>
    /// <param name="connection">The connection to Redis.</param>
    /// <param name="timeout">How long the <c>PING</c> may take before the check fails.</param>
    internal RedisWebhookDeliveryStoreHealthCheck(IConnectionMultiplexer connection, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _connection = RedisDeliveryStoreConnection.Over(connection, "", timeout);
        _timeout = timeout;
    }

    /// <summary>The check as registered: over the store's own connection, bounded by its operation timeout.</summary>
    internal RedisWebhookDeliveryStoreHealthCheck(RedisDeliveryStoreConnection connection)
    {
        _connection = connection;
        _timeout = connection.CheckTimeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await RedisDeliveryStoreReachability.PingAsync(_connection, _timeout, cancellationToken).ConfigureAwait(false);
            var facts = await RedisDeliveryStoreReachability.FactsAsync(_connection, _timeout, cancellationToken).ConfigureAwait(false);
            var options = _connection.Options;
            var pinged = string.Create(CultureInfo.InvariantCulture, $"Redis at {_connection.Endpoints} answered PING in {latency.TotalMilliseconds:0.###} ms.");
            if (facts is null)
            {
                // Nothing to compare with what the application accepts: only an application that accepts forgetting is Healthy.
                var unknown = $"{pinged} What it can lose is unknown: the connection does not allow INFO (allowAdmin=true).";
                return options.AcceptedDurability == RedisDeliveryStoreDurability.MayForgetOnRestart ? HealthCheckResult.Healthy(unknown) : HealthCheckResult.Degraded(unknown);
            }

            var answered = $"{pinged} {facts.Describe()}.";
            var data = Data(facts);
            if (facts.Evicts && !options.AllowEvictingRedis)
            {
                return new HealthCheckResult(
                    context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                    $"{answered} It evicts keys (maxmemory-policy {facts.MaxMemoryPolicy}): set noeviction, or AllowEvictingRedis.",
                    data: data);
            }

            return facts.Shortfall(options.AcceptedDurability, options.ReplicatedCompletionReplicas) is { } shortfall
                ? HealthCheckResult.Degraded($"{answered} Below the accepted durability ({options.AcceptedDurability}): {shortfall}", data: data)
                : HealthCheckResult.Healthy(answered, data);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var status = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
            var reason = RedisDeliveryStoreReachability.Reason(exception);
            return new HealthCheckResult(status, $"Redis at {_connection.Endpoints} did not answer PING: {reason}.", exception);
        }
    }

    private static Dictionary<string, object> Data(RedisServerFacts facts) => new(StringComparer.Ordinal)
    {
        ["role"] = facts.Role,
        ["maxmemory"] = facts.MaxMemory,
        ["maxmemory-policy"] = facts.MaxMemoryPolicy,
        ["appendonly"] = facts.AppendOnly ? "yes" : "no",
        ["appendfsync"] = facts.AppendFsync,
        ["connected-replicas"] = facts.ConnectedReplicas,
    };
}
