using System.Collections.Concurrent;
using System.Data.Common;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// Runs one of the store's statements on a connection (in a transaction when given) with its parameters, prepared first
/// when asked: the statements have a few fixed shapes, so a connection that has run one before plans it no more.
/// </summary>
internal static class DeliveryCommand
{
    // Connection strings whose connections refused to prepare a statement.
    private static readonly ConcurrentDictionary<string, byte> CannotPrepare = new(StringComparer.Ordinal);

    /// <summary>What <see cref="DeliveryStatements.Inspect"/> found.</summary>
    public readonly record struct Row(string Token, bool IsCompleted, bool IsUnexpired);

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, WebhookDeliveryKey key, string token, long milliseconds, long shift, bool prepare, CancellationToken cancellationToken)
    {
        await using var command = await CreateAsync(connection, transaction, sql, key, token, milliseconds, shift, prepare, cancellationToken).ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, WebhookDeliveryKey key, string token, long milliseconds, long shift, bool prepare, CancellationToken cancellationToken)
    {
        await using var command = await CreateAsync(connection, transaction, sql, key, token, milliseconds, shift, prepare, cancellationToken).ConfigureAwait(false);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value ?? throw new InvalidOperationException("The reservation statement returned nothing."), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<Row?> InspectAsync(DbConnection connection, DbTransaction? transaction, DeliveryStatements statements, WebhookDeliveryKey key, long shift, bool prepare, CancellationToken cancellationToken)
    {
        await using var command = await CreateAsync(connection, transaction, statements.Inspect, key, token: null, milliseconds: null, shift, prepare, cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new Row(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 1, Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) == 1);
    }

    public static async Task<int> CleanupAsync(DbConnection connection, DeliveryStatements statements, int batch, long shift, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = statements.Cleanup;
        Add(command, "n", (long)batch);
        Add(command, "shift", shift);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whole milliseconds, at least one, rounded up: a lease never ends sooner than asked.</summary>
    public static long Milliseconds(TimeSpan duration)
    {
        if (duration.Ticks <= 0)
        {
            return 1;
        }

        var whole = Math.DivRem(duration.Ticks, TimeSpan.TicksPerMillisecond, out var rest);
        return rest == 0 ? whole : whole + 1;
    }

    private static async Task<DbCommand> CreateAsync(
        DbConnection connection, DbTransaction? transaction, string sql, WebhookDeliveryKey key, string? token, long? milliseconds, long shift, bool prepare, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        Add(command, "r", key.RegistrationName);
        Add(command, "d", key.Id.ToString());
        if (token is not null)
        {
            Add(command, "t", token);
        }

        if (milliseconds is { } ms)
        {
            Add(command, "ms", ms);
        }

        Add(command, "shift", shift);
        if (prepare && (CannotPrepare.IsEmpty || !CannotPrepare.ContainsKey(connection.ConnectionString)))
        {
            try
            {
                await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException)
            {
                // A connection that cannot prepare (Npgsql's multiplexing) runs the statements as they are, from now on.
                CannotPrepare.TryAdd(connection.ConnectionString, 0);
            }
            catch
            {
                await command.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
