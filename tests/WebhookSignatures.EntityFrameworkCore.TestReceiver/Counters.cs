using Npgsql;

namespace WebhookSignatures.EntityFrameworkCore.TestReceiver;

/// <summary>
/// What the application counts outside the delivery's transaction, on connections of its own: every handler run (before
/// its work) and every conflict on the effects' unique key (a delivery whose effect was already in).
/// </summary>
public static class Counters
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS handler_runs (id bigserial PRIMARY KEY, delivery_id text NOT NULL, instance text NOT NULL);
        CREATE TABLE IF NOT EXISTS conflicts (id bigserial PRIMARY KEY, delivery_id text NOT NULL, instance text NOT NULL);
        """;

    public static Task RunAsync(string connectionString, string deliveryId, string instance) =>
        InsertAsync(connectionString, "handler_runs", deliveryId, instance);

    public static Task ConflictAsync(string connectionString, string deliveryId, string instance) =>
        InsertAsync(connectionString, "conflicts", deliveryId, instance);

    private static async Task InsertAsync(string connectionString, string table, string deliveryId, string instance)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"INSERT INTO {table} (delivery_id, instance) VALUES (@d, @i)", connection);
        command.Parameters.AddWithValue("d", deliveryId);
        command.Parameters.AddWithValue("i", instance);
        await command.ExecuteNonQueryAsync();
    }
}
