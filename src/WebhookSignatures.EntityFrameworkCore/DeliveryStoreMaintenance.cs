using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// Refuses to start when the context's model has no deliveries table or its provider is not one the store speaks, then
/// deletes expired rows every <see cref="EntityFrameworkDeliveryStoreOptions.CleanupInterval"/>, in batches of
/// <see cref="EntityFrameworkDeliveryStoreOptions.CleanupBatchSize"/>: each batch one short statement by the expiry
/// index, so no lock outlives it and no handler waits on the cleanup.
/// </summary>
internal sealed class DeliveryStoreMaintenance<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] TContext>(
    EntityFrameworkWebhookDeliveryStore<TContext> store,
    IOptions<EntityFrameworkDeliveryStoreOptions> options,
    TimeProvider time,
    ILogger<DeliveryStoreMaintenance<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        EntityFrameworkDeliveryStoreLog.Started(logger, await store.DescribeAsync().ConfigureAwait(false), typeof(TContext).Name);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes expired rows until a batch comes back short; how many it deleted.</summary>
    internal async Task<int> CleanupOnceAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.CleanupBatchSize;
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.CleanupAsync(batch, cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == batch && !cancellationToken.IsCancellationRequested);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CleanupInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                EntityFrameworkDeliveryStoreLog.CleanedUp(logger, await CleanupOnceAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // An unreachable database is tried again at the next interval; the cleanup never stops the application.
            catch (Exception e)
#pragma warning restore CA1031
            {
                EntityFrameworkDeliveryStoreLog.CleanupFailed(logger, e);
            }
        }
    }
}
