using Microsoft.EntityFrameworkCore;
using WebhookSignatures.EntityFrameworkCore;

namespace WebhookSignatures.LoadReceiver;

/// <summary>The load test's database: one row per delivery handled, and the EF Core store's deliveries.</summary>
public sealed class LoadContext(DbContextOptions<LoadContext> options) : DbContext(options)
{
    public DbSet<LoadRow> Rows => Set<LoadRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LoadRow>().ToTable("load_rows");
        modelBuilder.Entity<LoadMark>().ToTable("load_marks");
        modelBuilder.AddWebhookDeliveries();
    }
}

/// <summary>What the handler writes for one delivery.</summary>
public sealed class LoadRow
{
    public long Id { get; set; }

    public int Length { get; set; }

    public DateTime Received { get; set; }
}

/// <summary>
/// A row committed apart from the handler's transaction, on a connection of its own, the way the EF Core store commits a
/// reservation: a scope, a pooled context, its connection opened, one parameterized insert under a unique key, prepared
/// as the store prepares its statements, closed.
/// </summary>
public sealed class LoadMark
{
    private static long s_next;

    public string Id { get; set; } = string.Empty;

    public static async Task CommitAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<LoadContext>().Database;
        await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = "INSERT INTO load_marks (\"Id\") VALUES (@id)";
            var id = command.CreateParameter();
            id.ParameterName = "id";
            id.Value = $"{Environment.ProcessId}-{Interlocked.Increment(ref s_next)}";
            command.Parameters.Add(id);
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
