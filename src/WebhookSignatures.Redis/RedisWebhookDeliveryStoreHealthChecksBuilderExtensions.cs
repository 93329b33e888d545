using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebhookSignatures.Redis;

namespace WebhookSignatures.AspNetCore;

/// <summary>Adds the Redis delivery store's health check.</summary>
public static class RedisWebhookDeliveryStoreHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks that the Redis the delivery store uses answers a <c>PING</c> within the store's connect and operation
    /// timeouts and a second more:
    /// <c>services.AddHealthChecks().AddRedisWebhookDeliveryStore()</c>. Register the store with
    /// <c>AddRedisDeliveryStore</c> too.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name in the health report.</param>
    /// <param name="failureStatus">What the report says when Redis does not answer; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">Tags to filter checks by, such as <c>ready</c>.</param>
    /// <param name="timeout">How long the check as a whole may take; none beyond the store's own by default.</param>
    public static IHealthChecksBuilder AddRedisWebhookDeliveryStore(
        this IHealthChecksBuilder builder,
        string name = "webhook-delivery-store",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            static sp =>
            {
                var connection = sp.GetService<RedisDeliveryStoreConnection>() ?? throw new InvalidOperationException(
                    "The webhook delivery store's health check needs the Redis store: call services.AddWebhookSignatures().AddRedisDeliveryStore(…).");
                return new RedisWebhookDeliveryStoreHealthCheck(connection);
            },
            failureStatus,
            tags,
            timeout));
    }
}
