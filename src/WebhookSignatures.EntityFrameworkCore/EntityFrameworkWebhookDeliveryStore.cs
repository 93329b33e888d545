using System.Diagnostics.CodeAnalysis;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// The delivery store in the application's own database, reached through its <typeparamref name="TContext"/>: one row
/// per delivery, keyed by registration and delivery id. Reserving is one statement that inserts the row or takes over a
/// lease that ran out; completing, renewing and releasing change the row only while it holds the caller's token. Every
/// time is the database's clock. The completion of a delivery whose handler saves through the context is written by
/// <see cref="TransactionalCompletion"/> in the handler's own transaction instead.
/// </summary>
internal sealed class EntityFrameworkWebhookDeliveryStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] TContext> : IWebhookDeliveryStore
    where TContext : DbContext
{
    private readonly DeliveryContexts<TContext> _contexts;
    private readonly EntityFrameworkDeliveryStoreOptions _options;

    public EntityFrameworkWebhookDeliveryStore(IServiceProvider services, IOptions<EntityFrameworkDeliveryStoreOptions> options)
    {
        _contexts = new DeliveryContexts<TContext>(services);
        _options = options.Value;
    }

    public async ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        Check(key, token);
        var answer = await RunAsync(
            (connection, statements, ct) => DeliveryCommand.ScalarAsync(connection, null, statements.Reserve, key, token, DeliveryCommand.Milliseconds(lease), _options.ClockShift, _options.PrepareStatements, ct),
            _options.ReserveWithoutWaitingForDisk,
            cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            0 => WebhookReservationOutcome.Reserved,
            2 => WebhookReservationOutcome.Completed,
            _ => WebhookReservationOutcome.InFlight,
        };
    }

    /// <summary>Leases are renewed by token while the handler runs, as the database's clock counts them.</summary>
    public bool CanRenew => true;

    public async ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        Check(key, token);
        return await RunAsync(
            (connection, statements, ct) => DeliveryCommand.ExecuteAsync(connection, null, statements.Complete, key, token, DeliveryCommand.Milliseconds(timeToLive), _options.ClockShift, _options.PrepareStatements, ct),
            relaxed: false,
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        Check(key, token);
        return await RunAsync(
            (connection, statements, ct) => DeliveryCommand.ExecuteAsync(connection, null, statements.Renew, key, token, DeliveryCommand.Milliseconds(lease), _options.ClockShift, _options.PrepareStatements, ct),
            relaxed: false,
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken)
    {
        Check(key, token);
        return await RunAsync(
            (connection, statements, ct) => DeliveryCommand.ExecuteAsync(connection, null, statements.Release, key, token, 0, _options.ClockShift, _options.PrepareStatements, ct),
            relaxed: false,
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes up to <paramref name="batch"/> expired rows; how many it deleted.</summary>
    internal Task<int> CleanupAsync(int batch, CancellationToken cancellationToken) =>
        RunAsync((connection, statements, ct) => DeliveryCommand.CleanupAsync(connection, statements, batch, _options.ClockShift, ct), relaxed: false, cancellationToken);

    /// <summary>Checks at start-up that the context's model has the table and its provider is one the store speaks; the dialect's name.</summary>
    internal async Task<string> DescribeAsync()
    {
        await using var lease = _contexts.Rent();
        return DeliveryStatements.For(lease.Context, relaxedReservation: false).Dialect.Name;
    }

    // One statement on a context's connection, within the operation timeout; the connection goes back to its pool after.
    private async Task<T> RunAsync<T>(Func<DbConnection, DeliveryStatements, CancellationToken, Task<T>> statement, bool relaxed, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        await using var lease = _contexts.Rent();
        var database = lease.Context.Database;
        var statements = DeliveryStatements.For(lease.Context, relaxed);
        await database.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
        try
        {
            return await statement(database.GetDbConnection(), statements, timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static void Check(WebhookDeliveryKey key, string token)
    {
        if (string.IsNullOrEmpty(key.RegistrationName) || key.Id.IsEmpty)
        {
            throw new ArgumentException("The delivery key has no registration or no identity.", nameof(key));
        }

        ArgumentException.ThrowIfNullOrEmpty(token);
    }
}
