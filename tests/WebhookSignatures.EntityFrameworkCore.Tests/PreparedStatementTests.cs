using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.TestReceiver;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>
/// The store prepares its statements by default; a connection that cannot prepare them (Npgsql's multiplexing, which
/// keeps no connection to prepare on) still reserves, holds and completes deliveries.
/// </summary>
public sealed class PreparedStatementTests
{
    [Fact]
    public async Task A_multiplexing_connection_reserves_holds_and_completes_with_statements_prepared_by_default()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<OrdersContext>(o => o.UseNpgsql(database.ConnectionString + ";Multiplexing=true"));
        services.AddWebhookSignatures().AddEntityFrameworkDeliveryStore<OrdersContext>();
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IWebhookDeliveryStore>();
        var key = new WebhookDeliveryKey("orders", WebhookDeliveryIdentity.FromSignedId("msg_multiplexed"));

        (await store.TryReserveAsync(key, "first", TimeSpan.FromMinutes(1), default)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.TryReserveAsync(key, "second", TimeSpan.FromMinutes(1), default)).Should().Be(WebhookReservationOutcome.InFlight);
        (await store.RenewAsync(key, "first", TimeSpan.FromMinutes(1), default)).Should().BeTrue();
        (await store.CompleteAsync(key, "first", TimeSpan.FromMinutes(5), default)).Should().BeTrue();
        (await store.TryReserveAsync(key, "third", TimeSpan.FromMinutes(1), default)).Should().Be(WebhookReservationOutcome.Completed);
    }
}
