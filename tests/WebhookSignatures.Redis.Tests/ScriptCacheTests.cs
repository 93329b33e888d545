using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>A Redis that forgot the store's scripts (a restart, SCRIPT FLUSH) still completes, renews and releases.</summary>
public sealed class ScriptCacheTests
{
    [Fact]
    public async Task Completion_renewal_and_release_still_work_after_redis_flushes_its_script_cache()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore(redis.Configuration));
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},allowAdmin=true");
        var server = admin.GetServer(redis.Configuration);
        var warm = Deliveries.NewKey();
        var warmToken = Deliveries.NewToken();
        await store.TryReserveAsync(warm, warmToken, Deliveries.Lease, CancellationToken.None);
        (await store.CompleteAsync(warm, warmToken, Deliveries.Day, CancellationToken.None)).Should().BeTrue();
        (await server.ScriptExistsAsync(RedisWebhookDeliveryStore.CompleteScript)).Should().BeTrue("the client loaded the script and calls it by its hash");
        var renewed = Deliveries.NewKey();
        var renewedToken = Deliveries.NewToken();
        await store.TryReserveAsync(renewed, renewedToken, Deliveries.Lease, CancellationToken.None);
        (await store.RenewAsync(renewed, renewedToken, Deliveries.Lease, CancellationToken.None)).Should().BeTrue();

        await server.ScriptFlushAsync();
        (await server.ScriptExistsAsync(RedisWebhookDeliveryStore.CompleteScript)).Should().BeFalse();
        var noScriptBefore = await NoScriptErrorsAsync(server);

        var completed = Deliveries.NewKey();
        var completedToken = Deliveries.NewToken();
        var released = Deliveries.NewKey();
        var releasedToken = Deliveries.NewToken();
        await store.TryReserveAsync(completed, completedToken, Deliveries.Lease, CancellationToken.None);
        await store.TryReserveAsync(released, releasedToken, Deliveries.Lease, CancellationToken.None);
        (await store.CompleteAsync(completed, completedToken, Deliveries.Day, CancellationToken.None)).Should().BeTrue();
        (await store.ReleaseAsync(released, releasedToken, CancellationToken.None)).Should().BeTrue();
        (await store.RenewAsync(renewed, renewedToken, Deliveries.Lease, CancellationToken.None)).Should().BeTrue();

        (await store.TryReserveAsync(completed, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);
        (await store.TryReserveAsync(released, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await NoScriptErrorsAsync(server)).Should().BeGreaterThan(noScriptBefore, "the client called the forgotten hash, heard NOSCRIPT and sent the script again");
        (await server.ScriptExistsAsync(RedisWebhookDeliveryStore.CompleteScript)).Should().BeTrue();
        (await server.ScriptExistsAsync(RedisWebhookDeliveryStore.ReleaseScript)).Should().BeTrue();
        (await server.ScriptExistsAsync(RedisWebhookDeliveryStore.RenewScript)).Should().BeTrue();
    }

    // INFO errorstats counts the errors Redis answered, by their first word.
    private static async Task<long> NoScriptErrorsAsync(IServer server)
    {
        var info = (string?)await server.ExecuteAsync("INFO", "errorstats") ?? "";
        var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("errorstat_NOSCRIPT:count=", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["errorstat_NOSCRIPT:count=".Length..], CultureInfo.InvariantCulture);
    }
}
