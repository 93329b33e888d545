using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Redis;

/// <summary>
/// Connects at start and refuses to start the application while Redis cannot be reached, naming the endpoint and
/// the reason, instead of starting and answering every delivery with 503. Then reads what Redis can lose: an evicting
/// Redis refuses the start (unless allowed), and one below the accepted durability is logged, or refuses it when strict.
/// </summary>
internal sealed class RedisDeliveryStoreStartupCheck(RedisDeliveryStoreConnection connection, ILogger<RedisDeliveryStoreStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        RedisServerFacts? facts;
        try
        {
            await RedisDeliveryStoreReachability.PingAsync(connection, connection.CheckTimeout, cancellationToken).ConfigureAwait(false);
            facts = await RedisDeliveryStoreReachability.FactsAsync(connection, connection.CheckTimeout, cancellationToken).ConfigureAwait(false);
            if (connection.Replicated is { } replicated)
            {
                await replicated.ConnectAllAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedisDeliveryStoreRefusedException(
                $"The webhook delivery store cannot reach Redis at {connection.Endpoints}: {RedisDeliveryStoreReachability.Reason(exception)}. Start Redis or fix the configuration.",
                exception);
        }

        var options = connection.Options;
        if (facts is null)
        {
            RedisDeliveryStoreLog.FactsUnknown(logger, connection.Endpoints);
            return;
        }

        var described = facts.Describe();
        RedisDeliveryStoreLog.Facts(logger, described);
        if (facts.Evicts)
        {
            if (!options.AllowEvictingRedis)
            {
                throw new RedisDeliveryStoreRefusedException(
                    $"The webhook delivery store refuses a Redis that evicts keys: maxmemory-policy is {facts.MaxMemoryPolicy} with maxmemory {facts.MaxMemory}, "
                    + "so completed deliveries can be evicted under memory pressure and their duplicates handled again. "
                    + "Set maxmemory-policy noeviction on that Redis (CONFIG SET maxmemory-policy noeviction, or the service's parameter group), "
                    + $"or opt out explicitly with RedisWebhookDeliveryStoreOptions.AllowEvictingRedis = true. {described}.");
            }

            RedisDeliveryStoreLog.EvictionAllowed(logger, described);
        }

        if (facts.Shortfall(options.AcceptedDurability, options.ReplicatedCompletionReplicas) is { } shortfall)
        {
            if (options.RefuseBelowDurability)
            {
                throw new RedisDeliveryStoreRefusedException(
                    $"The webhook delivery store's Redis is below the durability the application accepts ({options.AcceptedDurability}), and RefuseBelowDurability is set: {shortfall} {described}.");
            }

            RedisDeliveryStoreLog.BelowDurability(logger, options.AcceptedDurability, shortfall, described);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
