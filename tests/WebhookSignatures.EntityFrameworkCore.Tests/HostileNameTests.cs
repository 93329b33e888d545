using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>
/// The store builds its statements from the model's table, schema and column names: names that carry quotes and
/// statement separators are identifiers, never SQL, on SQLite and on PostgreSQL.
/// </summary>
public sealed class HostileNameTests
{
    private const string Table = "deliveries\"; DROP TABLE canary; --";
    private const string Schema = "odd\"schema; DROP TABLE canary; --";

    [Fact]
    public Task A_table_name_with_a_quote_and_a_statement_stays_a_name_on_sqlite() =>
        RunAsync<SqliteNamesContext>(Provider.Sqlite, "canary");

    [Fact]
    public Task A_table_and_schema_name_with_quotes_and_statements_stay_names_on_postgresql() =>
        RunAsync<PostgresNamesContext>(Provider.PostgreSql, "public.canary");

    private static async Task RunAsync<TContext>(Provider provider, string canary)
        where TContext : DbContext
    {
        await using var database = await StoreDatabase.CreateAsync(provider);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TContext>(database.Configure);
        services.AddWebhookSignatures().AddEntityFrameworkDeliveryStore<TContext>();
        await using var provided = services.BuildServiceProvider();
        await using (var scope = provided.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            await context.Database.ExecuteSqlRawAsync("CREATE TABLE canary (id integer)");

            // The model's table (and schema), created by EF Core itself from the same names.
            await context.Database.ExecuteSqlRawAsync(context.Database.GenerateCreateScript());
        }

        var store = provided.GetRequiredService<IWebhookDeliveryStore>();
        var key = Deliveries.NewKey();
        var (first, second) = (Deliveries.NewToken(), Deliveries.NewToken());

        (await store.TryReserveAsync(key, first, TimeSpan.FromMinutes(1), default)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.TryReserveAsync(key, second, TimeSpan.FromMinutes(1), default)).Should().Be(WebhookReservationOutcome.InFlight);
        (await store.RenewAsync(key, first, TimeSpan.FromMinutes(1), default)).Should().BeTrue();
        (await store.ReleaseAsync(key, second, default)).Should().BeFalse();
        (await store.CompleteAsync(key, first, Deliveries.Day, default)).Should().BeTrue();
        (await store.TryReserveAsync(key, second, TimeSpan.FromMinutes(1), default)).Should().Be(WebhookReservationOutcome.Completed);

        (await database.CountAsync($"SELECT count(*) FROM {canary}")).Should().Be(0, "the canary table is still there, and empty");
    }

    private sealed class SqliteNamesContext(DbContextOptions<SqliteNamesContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddWebhookDeliveries(Table);
    }

    private sealed class PostgresNamesContext(DbContextOptions<PostgresNamesContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddWebhookDeliveries(Table, Schema);
    }
}
