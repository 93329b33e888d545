using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.EntityFrameworkCore.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.EntityFrameworkCore.Tests;

/// <summary>Instances, concurrency, outages and cleanup, on real Kestrel and real databases.</summary>
public sealed class InstanceTests
{
    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_handle_fifty_identical_deliveries_at_once_into_one_effect()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        // The race, not the store's timeout, is under test: a loaded machine may take seconds to answer fifty at once.
        static void Patient(EntityFrameworkDeliveryStoreOptions o) => o.OperationTimeout = TimeSpan.FromMinutes(1);
        await using var first = await Receiver.StartAsync(database, store: Patient);
        await using var second = await Receiver.StartAsync(database, store: Patient);
        using var request = Deliveries.Signed("msg_race");
        var body = await request.Content!.ReadAsByteArrayAsync();
        var headers = request.Headers.Select(h => (h.Key, h.Value.Single())).ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            using var copy = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new ByteArrayContent(body) };
            copy.Content.Headers.ContentType = new("application/json");
            foreach (var (name, value) in headers)
            {
                copy.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await (i % 2 == 0 ? first : second).Client.SendAsync(copy);
            return response.StatusCode;
        })));

        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(1);
        answers.Should().NotContain(HttpStatusCode.Unauthorized);
        answers.Count(a => a == HttpStatusCode.NoContent).Should().Be(1);
        answers.Should().OnlyContain(
            a => a == HttpStatusCode.NoContent || a == HttpStatusCode.OK || a == HttpStatusCode.Conflict,
            "the store answers every reservation; the receivers logged: " + string.Join(" | ", first.Log.Entries.Concat(second.Log.Entries).Select(e => e.EventName + ": " + e.Message)));
    }

    [Fact]
    public async Task SQLite_in_one_process_handles_many_concurrent_deliveries_and_their_duplicates_once_each()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.Sqlite);
        await using var receiver = await Receiver.StartAsync(database);
        var ids = Enumerable.Range(0, 100).Select(i => $"msg_sqlite_{i}").ToList();

        // Every delivery twice, all at once: one of each pair runs, the other finds it in flight or completed.
        var answers = await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(() => receiver.SendAsync(id))));

        answers.Should().OnlyContain(a => a == HttpStatusCode.NoContent || a == HttpStatusCode.OK || a == HttpStatusCode.Conflict);
        answers.Count(a => a == HttpStatusCode.NoContent).Should().Be(ids.Count);
        (await database.CountAsync("SELECT count(*) FROM effects")).Should().Be(ids.Count);
        (await database.CountAsync("SELECT count(*) FROM webhook_deliveries WHERE completed")).Should().Be(ids.Count);
    }

    [Fact]
    public async Task PostgreSQL_restarted_mid_run_answers_503_while_down_and_recovers_without_a_restart()
    {
        await using var server = await PostgresServerProcess.StartAsync();
        await using var database = await StoreDatabaseOn(server);
        await using var receiver = await Receiver.StartAsync(database, store: o => o.OperationTimeout = TimeSpan.FromSeconds(2));

        (await receiver.SendAsync("msg_before")).Should().Be(HttpStatusCode.NoContent);
        await server.StopAsync();
        (await receiver.SendAsync("msg_down")).Should().Be(HttpStatusCode.ServiceUnavailable);
        await server.StartAgainAsync();

        var n = 0;
        var recovered = await Eventually.ReturnsAsync(() => receiver.SendAsync($"msg_after_{n++}"), a => a == HttpStatusCode.NoContent);
        recovered.Should().Be(HttpStatusCode.NoContent, "the store reconnects by itself once PostgreSQL is back");
        (await Eventually.ReturnsAsync(() => receiver.SendAsync("msg_down"), a => a == HttpStatusCode.NoContent)).Should().Be(HttpStatusCode.NoContent, "the delivery refused during the outage is handled on its retry");
        (await receiver.SendAsync("msg_before")).Should().Be(HttpStatusCode.OK, "what was completed before the restart is still completed");
    }

    [Fact]
    public async Task The_cleanup_deletes_expired_rows_in_bounded_batches_and_keeps_live_ones()
    {
        await using var database = await StoreDatabase.CreateAsync(Provider.PostgreSql);
        await using var services = database.Services(store: o => o.CleanupBatchSize = 10);
        var store = services.GetRequiredService<EntityFrameworkWebhookDeliveryStore<TestReceiver.OrdersContext>>();
        var options = services.GetRequiredService<IOptions<EntityFrameworkDeliveryStoreOptions>>().Value;
        for (var i = 0; i < 35; i++)
        {
            await store.CompleteAsync(Deliveries.NewKey(), Deliveries.NewToken(), TimeSpan.FromMinutes(1), default);
        }

        var live = Deliveries.NewKey();
        await store.TryReserveAsync(live, "live", TimeSpan.FromHours(2), default);
        options.ClockShift += (long)TimeSpan.FromHours(1).TotalMilliseconds;

        var maintenance = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DeliveryStoreMaintenance<TestReceiver.OrdersContext>>().Single();
        (await maintenance.CleanupOnceAsync(default)).Should().Be(35);
        (await store.CleanupAsync(10, default)).Should().Be(0, "a batch deletes only expired rows");
        (await database.CountAsync("SELECT count(*) FROM webhook_deliveries")).Should().Be(1);
        (await store.RenewAsync(live, "live", TimeSpan.FromHours(2), default)).Should().BeTrue();
    }

    private static async Task<StoreDatabase> StoreDatabaseOn(PostgresServerProcess server) => await StoreDatabase.CreateOnAsync(server);
}
