using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Sending;
using Xunit.Abstractions;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>
/// A delivery that fails twice and then succeeds reaches a Standard Webhooks receiver as three attempts with three
/// timestamps and one <c>webhook-id</c>, and is handled once: by this project's receiver on Kestrel and by the
/// senders' own libraries. Real clock, attempts 1.1 s apart (the header counts seconds), loopback only.
/// </summary>
public sealed class RetriedDeliveryTests(ITestOutputHelper output)
{
    private static readonly byte[] Body = """{"type":"invoice.paid","data":{"invoice":"in_1001","amount":4200}}"""u8.ToArray();

    [Fact]
    public async Task A_delivery_that_fails_twice_then_succeeds_arrives_with_three_timestamps_one_id_and_is_handled_once()
    {
        var secret = StandardWebhooksSignature.GenerateSecret();

        // Attempt 1: the receiver is down (503). Attempt 2: it handles the delivery but the answer is lost (502).
        // Attempt 3: it acknowledges the delivery it already handled.
        await using var receiver = await RetryReceiver.StartAsync(
            new Dictionary<string, string[]> { ["/hooks/standard"] = [secret] },
            attempt => attempt switch { 1 => FrontBehaviour.Unavailable, 2 => FrontBehaviour.LoseAnswer, _ => FrontBehaviour.PassThrough });
        using var keys = StandardWebhooksSignature.Default.CreateKeyRing([secret]);
        var services = new ServiceCollection();
        services.AddHttpClient("hooks").AddWebhookDelivery(
            o =>
            {
                o.Scheme = StandardWebhooksSignature.Default;
                o.Keys = keys;
                o.AllowHttpToLoopback = true;
            },
            retries => retries.Schedule = new WebhookRetrySchedule([TimeSpan.FromSeconds(1.1), TimeSpan.FromSeconds(1.1)], jitter: 0));
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("hooks"));

        var result = await sender.DeliverAsync(new Uri(receiver.Address, "/hooks/standard"), Body);

        var arrived = receiver.Arrived.ToList();
        foreach (var attempt in arrived)
        {
            output.WriteLine($"attempt {attempt.Number}: webhook-id {attempt.Headers["webhook-id"]}, webhook-timestamp {attempt.Headers["webhook-timestamp"]}, " +
                $"webhook-signature {attempt.Headers["webhook-signature"]}, receiver {attempt.ReceiverStatus?.ToString() ?? "not reached"}, sender got {attempt.SenderStatus}, handler ran {attempt.HandlerRan}");
        }

        output.WriteLine($"result: {result}, delivery id {result.DeliveryId}; handler runs: {receiver.HandlerRuns}");
        result.Outcome.Should().Be(WebhookDeliveryOutcome.Delivered);
        result.Attempts.Should().Be(3);
        result.StatusCode.Should().Be(HttpStatusCode.OK);
        arrived.Select(a => a.SenderStatus).Should().Equal(503, 502, 200);
        arrived.Select(a => a.Headers["webhook-timestamp"]).Distinct().Should().HaveCount(3, "each attempt is signed anew");
        arrived.Select(a => a.Headers["webhook-id"]).Distinct().Should().ContainSingle().Which.Should().Be(result.DeliveryId);
        arrived.Should().AllSatisfy(a => a.Body.Should().Equal(Body));
        arrived.Select(a => a.ReceiverStatus).Should().Equal(null, 200, 200);
        arrived.Select(a => a.HandlerRan).Should().Equal(false, true, false);
        receiver.HandlerRuns.Should().Be(1, "the third attempt is the delivery the receiver already handled");

        // The senders' own libraries verify each attempt as it arrived, and read the one id.
        var checks = arrived.SelectMany(a => new[] { "standardwebhooks", "svix" }.Select(library => new ReferenceCheck(library, secret, a.Headers, a.Body))).ToList();
        var verified = await ReferenceLibraries.VerifyAsync(checks);
        foreach (var (check, outcome) in checks.Zip(verified))
        {
            output.WriteLine($"{check.Library}: {(outcome.Ok ? $"verified id {outcome.Id} at {outcome.Timestamp}" : outcome.Error)}");
        }

        verified.Should().HaveCount(6).And.AllSatisfy(v => v.Ok.Should().BeTrue(v.Error));
        verified.Select(v => v.Id).Distinct().Should().ContainSingle().Which.Should().Be(result.DeliveryId);
        verified.Select(v => v.Timestamp).Distinct().Should().HaveCount(3);
    }
}
