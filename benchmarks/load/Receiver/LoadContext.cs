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
