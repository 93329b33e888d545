using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// The store's statements for one model's deliveries table, in its provider's dialect. Every statement reads the
/// database's clock, never the instance's, since the instances' clocks may differ. Parameters: <c>@r</c> the
/// registration, <c>@d</c> the delivery id, <c>@t</c> the token, <c>@ms</c> a duration in milliseconds, <c>@n</c> a
/// batch size, <c>@shift</c> milliseconds added to the clock (zero but in tests).
/// </summary>
internal sealed class DeliveryStatements
{
    private static readonly ConditionalWeakTable<IModel, DeliveryStatements> ByModel = [];

    private DeliveryStatements(DeliveryDialect dialect, string table, string registration, string delivery, string token, string completed, string expires, bool relaxedReservation)
    {
        Dialect = dialect;
        var (now, yes, no) = (dialect.Now, dialect.True, dialect.False);
        var key = $"{registration} = @r AND {delivery} = @d";
        var columns = $"({registration}, {delivery}, {token}, {completed}, {expires})";
        var answer = $"""
            CASE WHEN EXISTS (SELECT 1 FROM {table} WHERE {key} AND {completed} = {yes} AND {expires} > {now}) THEN 2 ELSE 1 END
            """;

        if (dialect.ReservesInOneStatement)
        {
            // One statement: insert, or take over a lease that ran out; then say what held the key. The answer reads the
            // statement's snapshot, so a row changed meanwhile reads as in flight, the answer that is always safe. With
            // relaxedReservation the reservation commits without waiting for its write-ahead log to reach the disk: a
            // reservation lost in a crash is safe because the completion is fenced by its token.
            var relaxed = relaxedReservation ? " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed" : string.Empty;
            Reserve = $"""
                WITH taken AS (
                  INSERT INTO {table} AS held {columns} VALUES (@r, @d, @t, {no}, {now} + @ms)
                  ON CONFLICT ({registration}, {delivery}) DO UPDATE SET {token} = excluded.{token}, {completed} = {no}, {expires} = excluded.{expires}
                  WHERE held.{expires} <= {now}
                  RETURNING 1)
                SELECT CASE WHEN EXISTS (SELECT 1 FROM taken) THEN 0 ELSE {answer} END{relaxed}
                """;
            Complete = $"""
                INSERT INTO {table} AS held {columns} VALUES (@r, @d, @t, {yes}, {now} + @ms)
                ON CONFLICT ({registration}, {delivery}) DO UPDATE SET {token} = excluded.{token}, {completed} = {yes}, {expires} = excluded.{expires}
                WHERE (held.{token} = @t AND held.{completed} = {no}) OR held.{expires} <= {now}
                """;
        }
        else
        {
            // One command of two statements on one connection: changes() is this connection's own count, so it says
            // whether this upsert took the key whatever other connections did in between.
            Reserve = $"""
                INSERT INTO {table} {columns} VALUES (@r, @d, @t, {no}, {now} + @ms)
                ON CONFLICT ({registration}, {delivery}) DO UPDATE SET {token} = excluded.{token}, {completed} = {no}, {expires} = excluded.{expires}
                WHERE {table}.{expires} <= {now};
                SELECT CASE WHEN changes() > 0 THEN 0 ELSE {answer} END;
                """;
            Complete = $"""
                INSERT INTO {table} {columns} VALUES (@r, @d, @t, {yes}, {now} + @ms)
                ON CONFLICT ({registration}, {delivery}) DO UPDATE SET {token} = excluded.{token}, {completed} = {yes}, {expires} = excluded.{expires}
                WHERE ({table}.{token} = @t AND {table}.{completed} = {no}) OR {table}.{expires} <= {now}
                """;
        }

        Renew = $"UPDATE {table} SET {expires} = {now} + @ms WHERE {key} AND {token} = @t AND {completed} = {no} AND {expires} > {now}";
        Release = $"DELETE FROM {table} WHERE {key} AND {token} = @t AND {completed} = {no} AND {expires} > {now}";
        Inspect = $"SELECT {token}, CASE WHEN {completed} = {yes} THEN 1 ELSE 0 END, CASE WHEN {expires} > {now} THEN 1 ELSE 0 END FROM {table} WHERE {key}";

        // The expiry is checked again on the row deleted: a row taken over between the batch's choice and the delete
        // has a new expiry and stays.
        Cleanup = $"""
            DELETE FROM {table} WHERE {expires} <= {now}
              AND ({registration}, {delivery}) IN (SELECT {registration}, {delivery} FROM {table} WHERE {expires} <= {now} LIMIT @n)
            """;
    }

    public DeliveryDialect Dialect { get; }

    /// <summary>Reserves for <c>@t</c> for <c>@ms</c>; one row, one column: 0 reserved, 1 in flight, 2 completed.</summary>
    public string Reserve { get; }

    /// <summary>Completes for <c>@t</c>, kept <c>@ms</c>, when <c>@t</c> holds the reservation or nothing unexpired holds the key; one row affected when it did.</summary>
    public string Complete { get; }

    /// <summary>Extends <c>@t</c>'s unexpired reservation to <c>@ms</c> from now; one row affected when it did.</summary>
    public string Renew { get; }

    /// <summary>Deletes <c>@t</c>'s unexpired reservation; one row affected when it did.</summary>
    public string Release { get; }

    /// <summary>The key's row, if any: its token, whether it is completed (1), whether it is unexpired (1).</summary>
    public string Inspect { get; }

    /// <summary>Deletes at most <c>@n</c> expired rows.</summary>
    public string Cleanup { get; }

    /// <summary>The statements for a context's model and provider, made once per model.</summary>
    /// <exception cref="InvalidOperationException">The model has no deliveries table, or its provider is not one the store speaks.</exception>
    public static DeliveryStatements For(DbContext context, bool relaxedReservation)
    {
        var statements = ByModel.GetValue(context.Model, _ => Create(context, relaxedReservation: false));
        return relaxedReservation && statements.Dialect == DeliveryDialect.PostgreSql ? statements.Relaxed ??= Create(context, relaxedReservation: true) : statements;
    }

    private DeliveryStatements? Relaxed { get; set; }

    private static DeliveryStatements Create(DbContext context, bool relaxedReservation)
    {
        var dialect = DeliveryDialect.Of(context.Database.ProviderName)
            ?? throw new InvalidOperationException(
                $"The webhook delivery store speaks PostgreSQL (Npgsql) and SQLite; {context.GetType().Name} uses {context.Database.ProviderName ?? "no provider"}.");
        var entity = context.Model.FindEntityType(typeof(WebhookDelivery))
            ?? throw new InvalidOperationException(
                $"{context.GetType().Name} has no webhook deliveries table: call modelBuilder.AddWebhookDeliveries() in its OnModelCreating, and add a migration.");
        var tableName = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var table = StoreObjectIdentifier.Table(tableName, schema);
        var sql = context.GetService<ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);

        return new DeliveryStatements(
            dialect,
            sql.DelimitIdentifier(tableName, schema),
            Column(nameof(WebhookDelivery.RegistrationName)),
            Column(nameof(WebhookDelivery.DeliveryId)),
            Column(nameof(WebhookDelivery.Token)),
            Column(nameof(WebhookDelivery.IsCompleted)),
            Column(nameof(WebhookDelivery.ExpiresAt)),
            relaxedReservation);
    }
}
