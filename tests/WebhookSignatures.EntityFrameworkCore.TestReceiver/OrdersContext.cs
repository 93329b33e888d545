using Microsoft.EntityFrameworkCore;

namespace WebhookSignatures.EntityFrameworkCore.TestReceiver;

/// <summary>The application's database: one effect row per delivery handled, under a unique delivery id, and the deliveries.</summary>
public sealed class OrdersContext(DbContextOptions<OrdersContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Effect>(effect =>
        {
            effect.ToTable("effects");
            effect.HasKey(e => e.Id);
            effect.Property(e => e.Id).HasColumnName("id");
            effect.Property(e => e.DeliveryId).HasColumnName("delivery_id").HasMaxLength(100);
            effect.Property(e => e.Instance).HasColumnName("instance").HasMaxLength(100);

            // The effect of one delivery is one row: a second is a conflict, counted, never hidden.
            effect.HasIndex(e => e.DeliveryId).IsUnique();
        });
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Id).HasColumnName("id");
            note.Property(n => n.DeliveryId).HasColumnName("delivery_id").HasMaxLength(100);
        });
        modelBuilder.AddWebhookDeliveries();
    }
}

/// <summary>What handling a delivery does: one row.</summary>
public sealed class Effect
{
    public long Id { get; set; }

    public string DeliveryId { get; set; } = string.Empty;

    public string Instance { get; set; } = string.Empty;
}

/// <summary>A row a handler may write any number of times: no unique key stops a second one.</summary>
public sealed class Note
{
    public long Id { get; set; }

    public string DeliveryId { get; set; } = string.Empty;
}
