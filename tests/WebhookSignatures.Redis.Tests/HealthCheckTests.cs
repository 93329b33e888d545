using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>The health check reports whether the store's Redis answers, through the application's health service.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task A_redis_that_answers_is_healthy_with_its_round_trip()
    {
        var redis = await SharedRedis.GetAsync();
        await using var services = Build(redis.Configuration, h => h.AddRedisWebhookDeliveryStore(tags: ["ready"]));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries.Should().ContainKey("webhook-delivery-store").WhoseValue;
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Description.Should().MatchRegex($@"^Redis at {Regex.Escape(redis.Server.Endpoint)} answered PING in [0-9.]+ ms\. Redis at .*: role master; .*appendonly no.*connected replica\(s\)\.$");
        entry.Tags.Should().Equal("ready");
    }

    [Fact]
    public async Task A_redis_that_does_not_answer_reports_the_failure_status_and_the_reason()
    {
        var port = FreePort.Next();
        await using var services = Build($"127.0.0.1:{port},password=hunter2-health", h => h
            .AddRedisWebhookDeliveryStore()
            .AddRedisWebhookDeliveryStore("degraded", HealthStatus.Degraded));

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var unhealthy = report.Entries["webhook-delivery-store"];
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        unhealthy.Description.Should().StartWith($"Redis at 127.0.0.1:{port} did not answer PING: ").And.NotContain("hunter2-health");
        unhealthy.Exception.Should().NotBeNull();
        unhealthy.Exception!.ToString().Should().NotContain("hunter2-health");
        report.Entries["degraded"].Status.Should().Be(HealthStatus.Degraded);
        report.Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public async Task The_check_constructed_by_hand_reports_healthy_and_a_bounded_timeout_is_required()
    {
        var redis = await SharedRedis.GetAsync();
        var check = new RedisWebhookDeliveryStoreHealthCheck(redis.Connection, TimeSpan.FromSeconds(1));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().NotBe(HealthStatus.Unhealthy, result.Description + " " + result.Exception + "; Redis answered: whether it is Degraded depends on the run's Redis having an append-only file");
        result.Description.Should().Contain("answered PING");
        FluentActions.Invoking(() => new RedisWebhookDeliveryStoreHealthCheck(redis.Connection, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static ServiceProvider Build(string configuration, Action<IHealthChecksBuilder> checks) =>
        StoreServices.Build(
            b => b.AddRedisDeliveryStore(o =>
            {
                o.Configuration = configuration;
                o.KeyPrefix = SharedRedis.NewKeyPrefix();

                // The run's Redis may have no append-only file: this check is about answering, not durability.
                o.AcceptedDurability = RedisDeliveryStoreDurability.MayForgetOnRestart;
            }),
            s => checks(s.AddHealthChecks()));
}
