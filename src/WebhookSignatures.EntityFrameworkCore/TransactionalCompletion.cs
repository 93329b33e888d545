using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// Completes the delivery whose handler is running in the handler's own transaction, fenced by its reservation's token:
/// the completion is written in that transaction only while the token still holds the reservation, so if another
/// attempt took the delivery the transaction is refused and its work rolls back. A <c>SaveChanges</c> outside a
/// transaction is made to open one, fenced as it starts (before the handler's statements); the handler's own
/// transaction is fenced just before it commits, and each save inside it is checked so the handler learns early, while
/// the check at commit still stands if it carries on regardless.
/// </summary>
internal sealed class TransactionalCompletion(
    IHttpContextAccessor http,
    IOptions<EntityFrameworkDeliveryStoreOptions> options,
    ILogger<TransactionalCompletion> logger) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Transactions whose completion has been written, until they commit or fail.
    private readonly ConditionalWeakTable<DbTransaction, Fence> _fences = [];

    // What a context needs remembered across its saves within one delivery.
    private readonly ConditionalWeakTable<DbContext, ContextState> _contexts = [];

    private IWebhookDeliveryReservationFeature? Delivery => http.HttpContext?.Features.Get<IWebhookDeliveryReservationFeature>();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || Delivery is not { } delivery)
        {
            return result;
        }

        var database = context.Database;
        if (database.CurrentTransaction is { } transaction)
        {
            if (!delivery.IsCompleted)
            {
                await CheckHeldAsync(context, transaction.GetDbTransaction(), delivery, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            // The save's own transaction is fenced as it starts, before any of the handler's statements: a lost
            // reservation refuses the save before its work is tried, and holds the row only for the save.
            var state = _contexts.GetOrCreateValue(context);
            state.FenceAtStart = true;
            if (database.AutoTransactionBehavior != AutoTransactionBehavior.Always)
            {
                // A save of one statement would commit without a transaction, past the fence: make it open one.
                state.Previous = database.AutoTransactionBehavior;
                database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
            }
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Restore(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Restore(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Restore(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) =>
        TransactionStartedAsync(connection, eventData, result).AsTask().GetAwaiter().GetResult();

    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !_contexts.TryGetValue(context, out var state) || !state.FenceAtStart || Delivery is not { } delivery)
        {
            return result;
        }

        state.FenceAtStart = false;
        try
        {
            _fences.AddOrUpdate(result, await FenceAsync(context, result, delivery, state, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await result.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        TransactionCommittingAsync(transaction, eventData, result).AsTask().GetAwaiter().GetResult();

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (_fences.TryGetValue(transaction, out var fenced))
        {
            if (!fenced.IsRetryOfLandedCommit)
            {
                return result;
            }

            // A retried save whose first commit did land: the retry's writes are that commit's again.
            _fences.Remove(transaction);
            EntityFrameworkDeliveryStoreLog.RetriedCommitVerified(logger, fenced.Delivery.Key.RegistrationName, fenced.Delivery.Key.Id.ToString());
            return InterceptionResult.Suppress();
        }

        // The handler's own transaction: fenced just before it commits, whatever its saves were told.
        if (eventData.Context is not { } context || Delivery is not { } delivery)
        {
            return result;
        }

        var fence = await FenceAsync(context, transaction, delivery, _contexts.GetOrCreateValue(context), cancellationToken).ConfigureAwait(false);
        if (fence.IsRetryOfLandedCommit)
        {
            EntityFrameworkDeliveryStoreLog.RetriedCommitVerified(logger, delivery.Key.RegistrationName, delivery.Key.Id.ToString());
            return InterceptionResult.Suppress();
        }

        _fences.AddOrUpdate(transaction, fence);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _fences.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _fences.Remove(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Failed(transaction, eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(transaction, eventData);
        return Task.CompletedTask;
    }

    // Writes the completion in the transaction while the token holds the reservation (or nothing unexpired holds the
    // key); throws when another attempt holds or completed it.
    private async Task<Fence> FenceAsync(DbContext context, DbTransaction transaction, IWebhookDeliveryReservationFeature delivery, ContextState state, CancellationToken cancellationToken)
    {
        if (delivery.IsCompleted)
        {
            // Completed by an earlier commit: this one carries more work of the same delivery, which a crash before it loses.
            return new Fence(delivery, Completes: false);
        }

        var statements = DeliveryStatements.For(context, relaxedReservation: false);
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        var shift = options.Value.ClockShift;
        var written = await DeliveryCommand.ExecuteAsync(
            connection, transaction, statements.Complete, delivery.Key, delivery.Token, DeliveryCommand.Milliseconds(delivery.TimeToLive), shift, options.Value.PrepareStatements, cancellationToken).ConfigureAwait(false);
        if (written == 1)
        {
            return new Fence(delivery, Completes: true);
        }

        // Not written: the row is another attempt's, or this token completed it already in a commit whose answer was
        // lost. Ask, as an execution strategy's verifySucceeded would, before calling the reservation lost.
        var row = await DeliveryCommand.InspectAsync(connection, transaction, statements, delivery.Key, shift, options.Value.PrepareStatements, cancellationToken).ConfigureAwait(false);
        if (row is { IsCompleted: true } completed && string.Equals(completed.Token, delivery.Token, StringComparison.Ordinal))
        {
            delivery.MarkCompleted();
            var retried = state.CommitOutcomeUnknown;
            state.CommitOutcomeUnknown = false;
            return new Fence(delivery, Completes: false, IsRetryOfLandedCommit: retried);
        }

        EntityFrameworkDeliveryStoreLog.Fenced(logger, delivery.Key.RegistrationName, delivery.Key.Id.ToString());
        throw new WebhookDeliveryLostException(LostMessage(delivery));
    }

    private static string LostMessage(IWebhookDeliveryReservationFeature delivery) =>
        $"The reservation of webhook delivery {delivery.Key} was lost: its lease ran out and another attempt reserved or completed it. This transaction does not commit.";

    private void Committed(DbTransaction transaction)
    {
        if (!_fences.TryGetValue(transaction, out var fence))
        {
            return;
        }

        _fences.Remove(transaction);
        if (fence.Completes)
        {
            fence.Delivery.MarkCompleted();
        }
        else if (!fence.IsRetryOfLandedCommit)
        {
            EntityFrameworkDeliveryStoreLog.SecondCommit(logger, fence.Delivery.Key.RegistrationName, fence.Delivery.Key.Id.ToString());
        }
    }

    private void Failed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (!_fences.TryGetValue(transaction, out var fence))
        {
            return;
        }

        _fences.Remove(transaction);

        // A commit that threw may still have landed: a retry of the same save is verified before it may commit.
        if (fence.Completes && eventData.Action == "Commit" && eventData.Context is { } context)
        {
            _contexts.GetOrCreateValue(context).CommitOutcomeUnknown = true;
        }
    }

    // Inside the handler's own transaction: is the reservation still this token's (or free to complete)?
    private async Task CheckHeldAsync(DbContext context, DbTransaction transaction, IWebhookDeliveryReservationFeature delivery, CancellationToken cancellationToken)
    {
        var statements = DeliveryStatements.For(context, relaxedReservation: false);
        var row = await DeliveryCommand.InspectAsync(transaction.Connection!, transaction, statements, delivery.Key, options.Value.ClockShift, options.Value.PrepareStatements, cancellationToken).ConfigureAwait(false);
        if (row is { } held && held.IsUnexpired && !string.Equals(held.Token, delivery.Token, StringComparison.Ordinal))
        {
            EntityFrameworkDeliveryStoreLog.Fenced(logger, delivery.Key.RegistrationName, delivery.Key.Id.ToString());
            throw new WebhookDeliveryLostException(LostMessage(delivery));
        }
    }

    private void Restore(DbContext? context)
    {
        if (context is null || !_contexts.TryGetValue(context, out var state))
        {
            return;
        }

        // A save that opened no transaction (nothing to save) leaves no fence waiting for the next one the handler opens.
        state.FenceAtStart = false;
        if (state.Previous is { } previous)
        {
            context.Database.AutoTransactionBehavior = previous;
            state.Previous = null;
        }
    }

    /// <summary>A transaction about to commit within a delivery: whether it completes it, or follows the one that did.</summary>
    private sealed record Fence(IWebhookDeliveryReservationFeature Delivery, bool Completes, bool IsRetryOfLandedCommit = false);

    private sealed class ContextState
    {
        public AutoTransactionBehavior? Previous { get; set; }

        public bool CommitOutcomeUnknown { get; set; }

        public bool FenceAtStart { get; set; }
    }
}
