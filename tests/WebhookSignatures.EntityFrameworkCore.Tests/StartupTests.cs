using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>What the store refuses: a model without its table at start-up, and keys or tokens that identify nothing.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task An_application_whose_context_has_no_deliveries_table_refuses_to_start()
    {
        var file = Path.Combine(Path.GetTempPath(), $"webhooksig-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<NoDeliveriesContext>(o => o.UseSqlite($"Data Source={file}"));
        services.AddWebhookSignatures().AddEntityFrameworkDeliveryStore<NoDeliveriesContext>();
        await using var provider = services.BuildServiceProvider();

        var start = () => provider.GetServices<IHostedService>().OfType<DeliveryStoreMaintenance<NoDeliveriesContext>>().Single().StartAsync(default);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*AddWebhookDeliveries()*");
    }

    [Fact]
    public async Task A_key_without_an_identity_or_an_empty_token_is_refused_before_any_statement()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.Sqlite);
        await using var services = database.Services();
        var store = services.GetRequiredService<IWebhookDeliveryStore>();

        await store.Invoking(s => s.TryReserveAsync(default, "t", TimeSpan.FromMinutes(1), default).AsTask()).Should().ThrowAsync<ArgumentException>();
        await store.Invoking(s => s.CompleteAsync(Deliveries.NewKey(), "", TimeSpan.FromMinutes(1), default).AsTask()).Should().ThrowAsync<ArgumentException>();
    }

    private sealed class NoDeliveriesContext(DbContextOptions<NoDeliveriesContext> options) : DbContext(options);
}
