using System.Net.Sockets;

namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>The run's Redis and the private ones: started from the binary, on loopback, stopped, paused and started again.</summary>
public sealed class RedisServerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_runs_redis_is_started_once_on_a_free_loopback_port_and_answers()
    {
        var first = await RedisServer.SharedAsync();
        var second = await RedisServer.SharedAsync();

        second.Should().BeSameAs(first);
        first.Host.Should().Be("127.0.0.1");
        if (!first.IsExternal)
        {
            first.Port.Should().NotBe(6379, "a developer's own Redis on the default port is none of the tests' business");
        }

        (await RedisServerProcess.AnswersPingAsync(first.Port)).Should().BeTrue();
    }

    [Fact]
    public void Every_test_gets_a_key_prefix_of_its_own()
    {
        var prefixes = Enumerable.Range(0, 100).Select(_ => RedisServer.NewKeyPrefix()).ToList();

        prefixes.Should().OnlyHaveUniqueItems().And.OnlyContain(p => p.StartsWith("webhooksig-tests:", StringComparison.Ordinal) && p.EndsWith(':'));
    }

    [Fact]
    public async Task A_private_redis_stops_and_starts_again_on_its_port_and_its_folder_goes_when_disposed()
    {
        var redis = await RedisServerProcess.StartAsync();
        var folder = redis.Folder;
        var firstPid = redis.ProcessId!.Value;

        await redis.StopAsync();
        var whileStopped = await RedisServerProcess.AnswersPingAsync(redis.Port);
        var pidWhileStopped = redis.ProcessId;
        await redis.StartAgainAsync();
        var again = await RedisServerProcess.AnswersPingAsync(redis.Port);
        var secondPid = redis.ProcessId!.Value;
        await redis.DisposeAsync();

        whileStopped.Should().BeFalse();
        pidWhileStopped.Should().BeNull();
        Processes.IsRunning(firstPid).Should().BeFalse();
        again.Should().BeTrue();
        Processes.IsRunning(secondPid).Should().BeFalse("disposing stops the server");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public async Task A_paused_redis_accepts_connections_but_answers_nothing_until_it_is_resumed()
    {
        await using var redis = await RedisServerProcess.StartAsync();

        await redis.PauseAsync();
        var paused = await RedisServerProcess.AnswersPingAsync(redis.Port);
        await redis.ResumeAsync();
        var resumed = await Eventually.HoldsAsync(() => RedisServerProcess.AnswersPingAsync(redis.Port).GetAwaiter().GetResult(), Generous);

        paused.Should().BeFalse("a frozen Redis reads nothing within the ping's second");
        resumed.Should().BeTrue();
    }

    [Fact]
    public async Task An_environment_redis_is_used_as_it_is_once_something_answers_there()
    {
        await using var redis = await RedisServerProcess.StartAsync();

        var external = await RedisServer.ExternalAsync($"127.0.0.1:{redis.Port},abortConnect=false");

        external.IsExternal.Should().BeTrue();
        external.Configuration.Should().Be($"127.0.0.1:{redis.Port},abortConnect=false");
        external.Endpoint.Should().Be($"127.0.0.1:{redis.Port}");
    }

    [Fact]
    public async Task An_environment_redis_where_nothing_listens_fails_at_once_naming_the_variable()
    {
        var port = FreePort.Next();

        var failure = await FluentActions.Awaiting(() => RedisServer.ExternalAsync($"127.0.0.1:{port}")).Should().ThrowAsync<InvalidOperationException>();

        failure.Which.Message.Should().Be($"Nothing answers at 127.0.0.1:{port}, the Redis WEBHOOKSIG_TEST_REDIS names.");
        failure.Which.InnerException.Should().BeOfType<SocketException>();
    }
}
