using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace WebhookSignatures.Redis;

/// <summary>
/// Reports whether the delivery store's Redis answers a <c>PING</c> in time: healthy with the round trip,
/// otherwise the registration's failure status with the reason. Register it with
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
            return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Redis at {_connection.Endpoints} answered PING in {latency.TotalMilliseconds:0.###} ms."));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var status = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
            var reason = RedisDeliveryStoreReachability.Reason(exception);
            return new HealthCheckResult(status, $"Redis at {_connection.Endpoints} did not answer PING: {reason}.", exception);
        }
    }
}
