using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class ReplayTests
{
    private const string Ping = """{"webhookId":"1"}""";

    // Unique per run, so reruns against the same Redis never see each other's deliveries.
    private static readonly string RunPrefix = $"webhooksig-tests:{Guid.NewGuid():N}:";

    [Fact]
    public async Task Two_instances_sharing_redis_refuse_a_delivery_the_other_accepted()
    {
        await using var first = await TestApp.StartAsync(Shape.Middleware, configureServices: Redis);
        await using var second = await TestApp.StartAsync(Shape.Convention, configureServices: Redis);

        using var accepted = await first.Client.SendAsync(Deliveries.Snyk(Ping));
        using var replayed = await second.Client.SendAsync(Deliveries.Snyk(Ping));
        using var infisicalAccepted = await second.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));
        using var infisicalReplayed = await first.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now));

        ((int)accepted.StatusCode).Should().Be(200);
        ((int)replayed.StatusCode).Should().Be(401);
        ((int)infisicalAccepted.StatusCode).Should().Be(200);
        ((int)infisicalReplayed.StatusCode).Should().Be(401);
        second.HandlerRuns.Should().Be(1);
        second.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookReplayed" && e.Values.Contains("Registration=snyk", StringComparison.Ordinal));
        first.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookReplayed" && e.Values.Contains("Registration=infisical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_entries_expire_with_the_signed_timestamp_window()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, configureServices: Redis);
        var cache = app.Services.GetRequiredService<IDistributedCache>();
        var signedAt = TestApp.Now.AddMinutes(-4);

        using var accepted = await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, signedAt));

        ((int)accepted.StatusCode).Should().Be(200);
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379");
        var keys = new List<RedisKey>();
        await foreach (var key in redis.GetServer("127.0.0.1", 6379).KeysAsync(pattern: $"{RunPrefix}infisical:*:{signedAt.ToUnixTimeMilliseconds()}"))
        {
            keys.Add(key);
        }

        keys.Should().ContainSingle("the key is the registration, the digest and the signed timestamp");
        (await cache.GetAsync(keys[0].ToString())).Should().NotBeNull();
        var timeToLive = await redis.GetDatabase().KeyTimeToLiveAsync(keys[0]);
        timeToLive.Should().NotBeNull().And.BeGreaterThan(TimeSpan.FromSeconds(50)).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1), "signed four minutes ago with five of tolerance, one minute of the window is left");
    }

    [Fact]
    public async Task An_unreachable_cache_refuses_deliveries_with_503_and_logs_it()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, configureServices: UnreachableRedis);

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        ((int)response.StatusCode).Should().Be(503);
        app.HandlerRuns.Should().Be(0);
        app.Logs.Entries.Should().Contain(e => e.EventId.Id == 5 && e.EventId.Name == "WebhookReplayCacheUnavailable");
    }

    [Fact]
    public async Task An_unreachable_cache_lets_deliveries_through_only_when_fail_open_is_configured()
    {
        await using var app = await TestApp.StartAsync(
            Shape.Convention,
            w => w.AddSnyk("snyk", o =>
            {
                o.Secrets.Add(Secrets.Snyk);
                o.ReplayProtection.AllowWhenCacheUnavailable = true;
            }),
            UnreachableRedis);

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        ((int)response.StatusCode).Should().Be(200);
        app.Logs.Entries.Should().Contain(e => e.EventId.Id == 6 && e.EventId.Name == "WebhookReplayCacheUnavailableAccepted");
    }

    [Fact]
    public async Task The_replay_key_is_the_signed_material_not_the_unsigned_delivery_id()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);

        var original = Deliveries.Snyk(Ping);
        var sameSignatureNewId = Deliveries.Snyk(Ping);
        sameSignatureNewId.Headers.Remove("X-Snyk-Transport-ID");
        sameSignatureNewId.Headers.TryAddWithoutValidation("X-Snyk-Transport-ID", "a-fresh-id");
        var newBodySameId = Deliveries.Snyk(Ping + " ");

        ((int)(await app.Client.SendAsync(original)).StatusCode).Should().Be(200);
        ((int)(await app.Client.SendAsync(sameSignatureNewId)).StatusCode).Should().Be(401, "a new delivery id does not make a captured delivery new");
        ((int)(await app.Client.SendAsync(newBodySameId)).StatusCode).Should().Be(200, "a reused delivery id does not make a new delivery a replay");
    }

    [Fact]
    public async Task Untimestamped_deliveries_are_remembered_for_the_configured_time_to_live()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w.AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secrets.Snyk);
            o.ReplayProtection.TimeToLive = TimeSpan.FromHours(1);
        }));

        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(200);
        app.Time.Advance(TimeSpan.FromMinutes(59));
        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(401);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(200);
    }

    [Fact]
    public async Task Timestamped_deliveries_are_forgotten_once_their_window_has_passed()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var cache = (MemoryWebhookReplayCache)app.Services.GetRequiredService<IWebhookReplayCache>();

        ((int)(await app.Client.SendAsync(Deliveries.Infisical(Secrets.Infisical, TestApp.Now))).StatusCode).Should().Be(200);
        cache.Count.Should().Be(1);
        app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(200);

        cache.Count.Should().Be(1, "the Infisical entry expired with its window; only the Snyk one remains");
    }

    [Fact]
    public async Task A_full_in_memory_cache_fails_closed()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, configureServices: s => s.Configure<WebhookReplayCacheOptions>(o => o.MemoryCapacity = 1));

        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(200);
        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping + " "))).StatusCode).Should().Be(503);
    }

    [Fact]
    public async Task Replay_protection_can_be_turned_off_per_registration()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w.AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secrets.Snyk);
            o.ReplayProtection.Enabled = false;
        }));

        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(200);
        ((int)(await app.Client.SendAsync(Deliveries.Snyk(Ping))).StatusCode).Should().Be(200);
    }

    private static void Redis(IServiceCollection services)
    {
        services.AddStackExchangeRedisCache(o => o.Configuration = "127.0.0.1:6379,connectTimeout=5000");
        services.AddWebhookSignatures().AddDistributedReplayCache(o => o.KeyPrefix = RunPrefix);
    }

    private static void UnreachableRedis(IServiceCollection services)
    {
        // Port 1 on the loopback refuses connections at once.
        services.AddStackExchangeRedisCache(o => o.Configuration = "127.0.0.1:1,connectTimeout=1000,connectRetry=0,abortConnect=true");
        services.AddWebhookSignatures().AddDistributedReplayCache(o => o.KeyPrefix = RunPrefix);
    }
}
