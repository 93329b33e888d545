using Microsoft.EntityFrameworkCore;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>Adds the delivery store's table to an application's model, so its migrations create it.</summary>
public static class WebhookDeliveriesModelBuilderExtensions
{
    /// <summary>The table's name unless another is given.</summary>
    public const string DefaultTableName = "webhook_deliveries";

    /// <summary>
    /// Maps <see cref="WebhookDelivery"/> to a table of its own: the key (registration, delivery id) that makes a
    /// reservation an insert only one instance wins, and an index on the expiry that the cleanup deletes by. Call it in
    /// <c>OnModelCreating</c>, then add a migration as for any other change to the model.
    /// </summary>
    /// <param name="modelBuilder">The application's model builder.</param>
    /// <param name="tableName">The table's name; <c>webhook_deliveries</c> by default.</param>
    /// <param name="schema">The table's schema; the model's default when null.</param>
    public static ModelBuilder AddWebhookDeliveries(this ModelBuilder modelBuilder, string tableName = DefaultTableName, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable(tableName, schema);
            delivery.HasKey(d => new { d.RegistrationName, d.DeliveryId }).HasName($"pk_{tableName}");
            delivery.Property(d => d.RegistrationName).HasColumnName("registration").HasMaxLength(200).IsUnicode(false);
            delivery.Property(d => d.DeliveryId).HasColumnName("delivery_id").HasMaxLength(80).IsUnicode(false);
            delivery.Property(d => d.Token).HasColumnName("token").HasMaxLength(64).IsUnicode(false);
            delivery.Property(d => d.IsCompleted).HasColumnName("completed");
            delivery.Property(d => d.ExpiresAt).HasColumnName("expires_at");

            // The cleanup deletes expired rows by this index, in bounded batches; the hot path uses the key alone.
            delivery.HasIndex(d => d.ExpiresAt).HasDatabaseName($"ix_{tableName}_expires_at");
        });
        return modelBuilder;
    }
}
