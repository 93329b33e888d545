using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// Replicated completion on a primary with one replica, each a Redis of the test's own: a reservation and a completion
/// wait for the replica; a reservation it does not acknowledge answers 503 without running the handler, a completion it
/// does not acknowledge still answers 2xx and is logged and counted; and a stalled WAIT holds up no other request.
/// </summary>
// Replication timings are what these tests are about: they do not share the machine with each other.
[Collection("Replication")]
public sealed class ReplicatedCompletionTests
{
    [Fact]
    public async Task A_completed_delivery_is_on_the_replica_when_the_store_answers()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await StartReplicaAsync(primary);
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore(o => Replicated(o, primary.Configuration, "replicated:")));
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var key = Deliveries.NewKey();
        var token = Deliveries.NewToken();

        (await store.TryReserveAsync(key, token, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await RedisCommandLine.SendAsync(replica.Port, "GET", Deliveries.RedisKeyOf(key, "replicated:"))).Should().Contain(token);
        (await store.CompleteAsync(key, token, Deliveries.Day, CancellationToken.None)).Should().BeTrue();
        (await RedisCommandLine.SendAsync(replica.Port, "GET", Deliveries.RedisKeyOf(key, "replicated:"))).Should().Contain("completed");
        (await store.TryReserveAsync(key, Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Completed);

        // Completing it again (a completion whose WAIT ran out, tried again) confirms its replication and changes nothing.
        (await store.CompleteAsync(key, token, TimeSpan.FromSeconds(5), CancellationToken.None)).Should().BeTrue();
        (await RedisCommandLine.SendAsync(replica.Port, "GET", Deliveries.RedisKeyOf(key, "replicated:"))).Should().Contain("completed");
        long.Parse((await RedisCommandLine.SendAsync(primary.Port, "PTTL", Deliveries.RedisKeyOf(key, "replicated:")))!.Single().TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan((long)TimeSpan.FromHours(23).TotalMilliseconds, "completing again did not shorten the time to live");

        var held = Deliveries.NewKey();
        (await store.TryReserveAsync(held, token, Deliveries.Lease, CancellationToken.None)).Should().Be(WebhookReservationOutcome.Reserved);
        (await store.CompleteAsync(held, Deliveries.NewToken(), Deliveries.Day, CancellationToken.None)).Should().BeFalse("another token never completes a held delivery");
    }

    [Fact]
    public async Task A_reservation_the_replica_does_not_acknowledge_answers_503_and_runs_nothing()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await StartReplicaAsync(primary);
        var runs = new HandlerRuns();
        await using var receiver = await Receiver.StartAsync(primary.Configuration, "unreplicated:", runs, store: o => Replicated(o, primary.Configuration, "unreplicated:"));
        var body = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";

        await replica.PauseAsync();
        using var refused = await receiver.Client.SendAsync(Receiver.Snyk(body));
        await replica.ResumeAsync();
        using var retried = await Eventually.ReturnsAsync(() => receiver.Client.SendAsync(Receiver.Snyk(body)), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1, "the refused reservation ran nothing; the retry ran the handler once");
    }

    [Fact]
    public async Task A_completion_the_replica_does_not_acknowledge_still_answers_2xx_and_is_logged_and_counted()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await StartReplicaAsync(primary);
        var runs = new HandlerRuns();
        var logs = new CapturedLogs();
        await using var receiver = await Receiver.StartAsync(
            primary.Configuration, "late-replica:", runs, store: o => Replicated(o, primary.Configuration, "late-replica:"), logs: logs);
        using var counted = new NotReplicatedCounter();

        // The reservation is acknowledged; the replica stops before the completion.
        receiver.Handler = _ => replica.PauseAsync();
        var body = $$"""{"webhookId":"{{Guid.NewGuid()}}"}""";
        using var handled = await receiver.Client.SendAsync(Receiver.Snyk(body));
        await replica.ResumeAsync();
        receiver.Handler = static _ => Task.CompletedTask;
        using var duplicate = await receiver.Client.SendAsync(Receiver.Snyk(body));

        handled.StatusCode.Should().Be(HttpStatusCode.OK);
        counted.Total.Should().Be(1);
        logs.Messages("WebhookDeliveryCompletionNotReplicated").Should().ContainSingle().Which.Should().Contain("acknowledged by 0 of the 1 replicas");
        logs.Messages("WebhookDeliverySettleFailed").Should().BeEmpty("the completion is recorded on the primary: nothing to try again");
        duplicate.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Count.Should().Be(1, "the completion stands on the primary");
    }

    [Fact]
    public async Task A_stalled_wait_holds_up_no_other_request_while_on_the_shared_connection_it_would()
    {
        await using var primary = await RedisServerProcess.StartAsync();
        await using var replica = await StartReplicaAsync(primary);
        await using var services = StoreServices.Build(b => b.AddRedisDeliveryStore(o =>
        {
            Replicated(o, primary.Configuration, "stalled:");

            // Far above anything here, so that the stalled WAIT is still waiting when the test ends.
            o.OperationTimeout = TimeSpan.FromSeconds(60);
        }));
        var store = services.GetRequiredService<IWebhookDeliveryStore>();
        var connection = services.GetRequiredService<RedisDeliveryStoreConnection>();
        await store.TryReserveAsync(Deliveries.NewKey(), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None);

        // WAIT for five replicas with no time limit: it never returns, and holds its connection of the pool.
        var stalled = connection.Replicated!.WriteAsync("WAIT", [5, 0], CancellationToken.None);
        var reserved = await store.TryReserveAsync(Deliveries.NewKey(), Deliveries.NewToken(), Deliveries.Lease, CancellationToken.None);

        reserved.Should().Be(WebhookReservationOutcome.Reserved);
        stalled.IsCompleted.Should().BeFalse("the WAIT that never returns is still waiting, and the reservation was answered meanwhile");

        // The control: the same WAIT on a multiplexed connection holds up the next command, whoever sent it.
        var shared = await connection.GetAsync(CancellationToken.None);
        var waiting = shared.GetDatabase().ExecuteAsync("WAIT", 5, 300);
        var pinged = await shared.GetDatabase().PingAsync();
        waiting.IsCompleted.Should().BeTrue("the PING behind the WAIT was answered only after it ({0})", pinged);
        ((long)await waiting).Should().Be(1, "the one replica there is acknowledged");
        _ = stalled.ContinueWith(static t => t.Exception, TaskScheduler.Default);
    }

    internal static void Replicated(RedisWebhookDeliveryStoreOptions options, string configuration, string prefix)
    {
        options.Configuration = configuration;
        options.KeyPrefix = prefix;
        options.ReplicatedCompletionReplicas = 1;
        // Long enough for a replica that answers on a busy machine; a paused one makes each of these tests wait it once.
        options.ReplicatedCompletionWait = TimeSpan.FromSeconds(3);
        options.ReplicatedCompletionConnections = 2;
        options.AcceptedDurability = RedisDeliveryStoreDurability.MayForgetOnRestart;
    }

    private static async Task<RedisServerProcess> StartReplicaAsync(RedisServerProcess primary)
    {
        // The primary otherwise waits five seconds for more replicas before it sends the first one its data.
        await RedisCommandLine.SendAsync(primary.Port, "CONFIG", "SET", "repl-diskless-sync-delay", "0");
        var replica = await RedisServerProcess.StartAsync("--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture));
        await Eventually.ReturnsAsync(
            async () => await RedisCommandLine.SendAsync(replica.Port, "INFO", "replication") ?? [],
            lines => lines.Contains("master_link_status:up"),
            TimeSpan.FromSeconds(30));
        return replica;
    }

    /// <summary>Counts completions not replicated in time, as any listener of the package's meter would.</summary>
    private sealed class NotReplicatedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public NotReplicatedCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WebhookSignatureMeter.Name && instrument.Name == WebhookSignatureMeter.CompletionsNotReplicatedInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
