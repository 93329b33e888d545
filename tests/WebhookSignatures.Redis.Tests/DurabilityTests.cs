using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// The store reads from INFO what its Redis can lose: a Redis that evicts keys refuses the start, one without an
/// append-only file is warned about and reported Degraded, unless the application accepts that, and a strict setting
/// refuses it. Each test starts a Redis of its own with the settings it needs.
/// </summary>
public sealed class DurabilityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("allkeys-lru")]
    [InlineData("volatile-lru")]
    public async Task A_redis_that_evicts_keys_refuses_the_start_naming_the_setting_and_both_ways_out(string policy)
    {
        await using var redis = await RedisServerProcess.StartAsync("--maxmemory", "64mb", "--maxmemory-policy", policy);

        var start = () => Receiver.StartAsync(redis.Configuration, "evicting:", new HandlerRuns());

        var refused = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;
        output.WriteLine(refused.Message);
        refused.Message.Should().Contain($"maxmemory-policy is {policy}").And.Contain("maxmemory-policy noeviction").And.Contain("AllowEvictingRedis = true");
    }

    [Fact]
    public async Task A_redis_that_evicts_keys_starts_when_the_application_opts_out_and_says_so()
    {
        await using var redis = await RedisServerProcess.StartAsync("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
        var logs = new CapturedLogs();

        await using var receiver = await Receiver.StartAsync(
            redis.Configuration, "evicting:", new HandlerRuns(), store: o => o.AllowEvictingRedis = true, logs: logs);

        logs.Messages("WebhookRedisEvictionAllowed").Should().ContainSingle().Which.Should().Contain("maxmemory-policy allkeys-lru");
    }

    [Fact]
    public async Task A_memory_limit_without_eviction_starts()
    {
        await using var redis = await RedisServerProcess.StartAsync("--maxmemory", "64mb", "--maxmemory-policy", "noeviction", "--appendonly", "yes");

        await using var receiver = await Receiver.StartAsync(redis.Configuration, "noeviction:", new HandlerRuns());

        var report = await receiver.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Entries["webhook-delivery-store"].Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Without_an_append_only_file_the_start_warns_naming_appendonly_and_health_is_degraded()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var logs = new CapturedLogs();

        await using var receiver = await Receiver.StartAsync(redis.Configuration, "no-aof:", new HandlerRuns(), logs: logs);

        var warning = logs.Messages("WebhookRedisBelowDurability").Should().ContainSingle().Which;
        output.WriteLine(warning);
        warning.Should().Contain("appendonly is no").And.Contain("appendfsync everysec").And.Contain("0 connected replica(s)");
        var entry = (await receiver.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["webhook-delivery-store"];
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("appendonly is no");
        entry.Data["appendonly"].Should().Be("no");
        entry.Data["connected-replicas"].Should().Be(0);
    }

    [Fact]
    public async Task Without_an_append_only_file_an_application_that_accepts_forgetting_is_healthy_and_not_warned()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var logs = new CapturedLogs();

        await using var receiver = await Receiver.StartAsync(
            redis.Configuration, "no-aof:", new HandlerRuns(), store: o => o.AcceptedDurability = RedisDeliveryStoreDurability.MayForgetOnRestart, logs: logs);

        logs.Messages("WebhookRedisBelowDurability").Should().BeEmpty();
        logs.Messages("WebhookRedisFacts").Should().ContainSingle().Which.Should().Contain("appendonly no");
        var report = await receiver.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Entries["webhook-delivery-store"].Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Without_an_append_only_file_the_strict_setting_refuses_the_start()
    {
        await using var redis = await RedisServerProcess.StartAsync();

        var start = () => Receiver.StartAsync(redis.Configuration, "strict:", new HandlerRuns(), store: o => o.RefuseBelowDurability = true);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("RefuseBelowDurability").And.Contain("appendonly is no");
    }

    [Fact]
    public async Task With_an_append_only_file_the_store_is_healthy_and_reports_the_fsync_policy()
    {
        await using var redis = await RedisServerProcess.StartAsync("--appendonly", "yes", "--appendfsync", "always");
        var logs = new CapturedLogs();

        await using var receiver = await Receiver.StartAsync(redis.Configuration, "aof:", new HandlerRuns(), logs: logs);

        logs.Messages("WebhookRedisBelowDurability").Should().BeEmpty();
        var entry = (await receiver.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["webhook-delivery-store"];
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Description.Should().Contain("appendonly yes, appendfsync always");
    }

    [Fact]
    public async Task Where_config_is_not_allowed_the_fsync_policy_is_unknown()
    {
        // A renamed CONFIG command is how managed services refuse it.
        await using var redis = await RedisServerProcess.StartAsync("--appendonly", "yes", "--rename-command", "CONFIG", "");
        var logs = new CapturedLogs();

        await using var receiver = await Receiver.StartAsync(redis.Configuration, "no-config:", new HandlerRuns(), logs: logs);

        logs.Messages("WebhookRedisFacts").Should().ContainSingle().Which.Should().Contain("appendonly yes, appendfsync unknown");
    }
}
