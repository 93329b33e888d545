using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>listen --redis</c> says what its Redis can lose, and refuses one that evicts keys, as the store does.</summary>
public sealed class ListenRedisFactsTests
{
    private const string Secret = "listen-redis-facts-secret-7c1e";

    [Fact]
    public async Task A_redis_without_an_append_only_file_is_described_and_warned_about()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--redis", redis.Configuration);

        var log = await listener.StopAsync();

        log.Out.Should().Contain($"Redis at {redis.Configuration}: role master; maxmemory 0 bytes, maxmemory-policy noeviction; appendonly no, appendfsync everysec; 0 connected replica(s); replicated completion off");
        log.Error.Should().Contain("warning: appendonly is no");
    }

    [Fact]
    public async Task A_redis_accepted_to_forget_is_described_without_a_warning()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var listener = await RunningListener.StartAsync(
            "--scheme", "github", "--secret", Secret, "--redis", redis.Configuration, "--redis-durability", "may-forget-on-restart");

        var log = await listener.StopAsync();

        log.Out.Should().Contain("appendonly no");
        log.Error.Should().NotContain("warning:");
    }

    [Fact]
    public async Task A_redis_that_evicts_keys_is_refused_naming_the_setting()
    {
        await using var redis = await RedisServerProcess.StartAsync("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
        using var stop = new CancellationTokenSource();

        var outcome = await CliHarness.RunAsync(
            ["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis", redis.Configuration],
            listenerStarted: _ => stop.Cancel(),
            cancellationToken: stop.Token);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().StartWith("error: --redis").And.Contain("maxmemory-policy is allkeys-lru").And.Contain("noeviction");
        outcome.All.Should().NotContain("listening on");
    }
}
