using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using WebhookSignatures.Redis.Tests.Support;
using WebhookSignatures.Testing.Servers;
using Xunit.Abstractions;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// A real failover: a primary, one replica and three Sentinels; the receiver connects through the Sentinels. Mid-run the
/// primary is killed (SIGKILL), a Sentinel promotes the replica, the store follows it without a restart, and the old
/// primary comes back as the new one's replica. The sender retries every delivery until it is acknowledged, then sends
/// each once more: with replicated completion, each is handled exactly once and none is lost.
/// </summary>
// Replication timings are what these tests are about: they do not share the machine with each other.
[Collection("Replication")]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int UniqueDeliveries = 300;
    private const int Senders = 8;

    [Fact]
    public async Task With_replicated_completion_a_failover_mid_run_handles_every_delivery_exactly_once_and_loses_none()
    {
        var run = await RunAsync(replicated: true);

        run.Lost.Should().Be(0, "every acknowledged delivery was handled");
        run.HandledTwice.Should().Be(0, "no completion was lost in the failover");
        run.HandlerRuns.Should().Be(UniqueDeliveries);
    }

    [Fact]
    public async Task Without_replicated_completion_a_failover_mid_run_loses_none_and_records_how_many_ran_twice()
    {
        var run = await RunAsync(replicated: false);

        // How many ran twice depends on what the replica had not received when the primary died: information, not a promise.
        output.WriteLine($"without replicated completion: {run.HandledTwice} of {UniqueDeliveries} handled twice");
        run.Lost.Should().Be(0);
    }

    private async Task<FailoverRun> RunAsync(bool replicated)
    {
        await using var topology = await RedisSentinelTopology.StartAsync();
        var handled = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var runs = new HandlerRuns();
        await using var receiver = await Receiver.StartAsync(
            topology.Configuration,
            "failover:",
            runs,
            o => o.ExactlyOnce.LeaseDuration = TimeSpan.FromSeconds(30),
            store: o =>
            {
                o.AcceptedDurability = RedisDeliveryStoreDurability.MayForgetOnRestart;
                if (replicated)
                {
                    o.ReplicatedCompletionReplicas = 1;
                    o.ReplicatedCompletionWait = TimeSpan.FromMilliseconds(500);
                }
            });
        receiver.Handler = async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            handled.AddOrUpdate(await reader.ReadToEndAsync(), 1, static (_, count) => count + 1);
        };

        var bodies = Enumerable.Range(0, UniqueDeliveries).Select(_ => $$"""{"webhookId":"{{Guid.NewGuid()}}"}""").ToArray();
        var queue = new ConcurrentQueue<string>(bodies);
        var acknowledged = 0;
        var killed = new TaskCompletionSource();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        async Task SendAsync()
        {
            while (queue.TryDequeue(out var body))
            {
                await UntilAcknowledgedAsync(receiver, body, statuses);
                if (Interlocked.Increment(ref acknowledged) == UniqueDeliveries / 3)
                {
                    killed.TrySetResult();
                }
            }
        }

        async Task FailOverAsync()
        {
            await killed.Task;
            await topology.Primary.StopAsync();
            output.WriteLine($"primary killed at {clock.ElapsedMilliseconds} ms, after {Volatile.Read(ref acknowledged)} acknowledged");
            var promotion = await topology.UntilReplicaPromotedAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"replica promoted {promotion.TotalMilliseconds:0} ms later");
            await topology.RestartOldPrimaryAsReplicaAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"old primary in sync as a replica at {clock.ElapsedMilliseconds} ms");
        }

        await Task.WhenAll([.. Enumerable.Range(0, Senders).Select(_ => SendAsync()), FailOverAsync()]);

        // Every delivery once more, as a sender whose acknowledgement was lost would send it.
        foreach (var chunk in bodies.Chunk(Senders))
        {
            await Task.WhenAll(chunk.Select(body => UntilAcknowledgedAsync(receiver, body, statuses)));
        }

        var run = new FailoverRun(
            handled.Values.Sum(),
            bodies.Count(b => !handled.ContainsKey(b)),
            handled.Values.Count(c => c > 1));
        output.WriteLine($"replicated completion {(replicated ? "on" : "off")}: {UniqueDeliveries} unique sent, {run.HandlerRuns} handler runs, "
            + $"{run.HandledTwice} handled twice, {run.Lost} lost, in {clock.ElapsedMilliseconds} ms; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
        return run;
    }

    // A sender's retries: 503 (store unavailable) and 409 (in flight) are tried again shortly, as a sender's backoff would.
    private static async Task UntilAcknowledgedAsync(Receiver receiver, string body, ConcurrentDictionary<int, int> statuses)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            HttpStatusCode status;
            try
            {
                using var response = await receiver.Client.SendAsync(Receiver.Snyk(body));
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }

            statuses.AddOrUpdate((int)status, 1, static (_, n) => n + 1);
            if (status == HttpStatusCode.OK)
            {
                return;
            }

            deadline.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90), "a delivery is acknowledged once Redis is back (last answer {0})", status);
            await Task.Delay(50);
        }
    }

    private sealed record FailoverRun(int HandlerRuns, int Lost, int HandledTwice);
}
