using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Sending;
using Xunit.Abstractions;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>
/// docs/sending.md shows the exact attempts and headers of one delivery that fails twice; this runs that delivery (the
/// default schedule without jitter, a rotation's two keys, fixed secrets, id and start) and finds the same text there.
/// </summary>
public sealed class DocumentedSequenceTests(ITestOutputHelper output)
{
    // A documentation example's keys and id, nobody's real ones.
    private const string NewSecret = "whsec_bmV3LWtleS1mb3ItdGhlLWRvY3MtZXhhbXBsZQ==";
    private const string OldSecret = "whsec_b2xkLWtleS1mb3ItdGhlLWRvY3MtZXhhbXBsZQ==";
    private const string DeliveryId = "msg_2zWq7Lp4KcNe8RtVb1XyHj6MdFs";
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private static readonly byte[] Body = """{"type":"invoice.paid","data":{"invoice":"in_1001","amount":4200}}"""u8.ToArray();

    [Fact]
    public async Task The_sequence_on_the_sending_page_is_what_a_delivery_that_fails_twice_sends()
    {
        var clock = new SteppingClock(Start);
        var scheme = new StandardWebhooksSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var ring = scheme.CreateKeyRing([NewSecret, OldSecret]);
        using var keys = ring.WithPreviousKeySigningUntil(Start.AddDays(7));
        var receiver = new ScriptedReceiver(
            clock,
            ScriptedReceiver.Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(TimeSpan.FromSeconds(1))),
            ScriptedReceiver.Answer(HttpStatusCode.BadGateway),
            ScriptedReceiver.Answer(HttpStatusCode.OK));
        var services = new ServiceCollection();
        services.AddHttpClient("hooks")
            .AddWebhookDelivery(o => { o.Scheme = scheme; o.Keys = keys; }, r => r.Schedule = new WebhookRetrySchedule(WebhookRetrySchedule.Default.Delays, jitter: 0))
            .ConfigurePrimaryHttpMessageHandler(() => receiver);
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("hooks"));

        var result = await clock.RunAsync(sender.DeliverAsync(new Uri("https://hooks.example.com/billing"), Body, deliveryId: DeliveryId), WebhookSenderOptions.DefaultTimeout);

        var answers = new[] { "503 Service Unavailable, Retry-After: 1", "502 Bad Gateway", "200 OK" };
        var text = new StringBuilder();
        for (var i = 0; i < receiver.Attempts.Count; i++)
        {
            var (at, headers, body) = receiver.Attempts[i];
            body.Should().Equal(Body);
            text.Append(CultureInfo.InvariantCulture, $"attempt {i + 1} at {at:HH:mm:ss} (+{(at - Start).TotalSeconds:0} s) -> {answers[i]}\n");
            foreach (var name in new[] { "webhook-id", "webhook-timestamp", "webhook-signature" })
            {
                text.Append(CultureInfo.InvariantCulture, $"  {name}: {headers.GetValue(name)}\n");
            }

            // Each attempt verifies on arrival with either key alone, as the same delivery.
            foreach (var only in new[] { NewSecret, OldSecret })
            {
                using var receiverKeys = scheme.CreateKeyRing([only]);
                var received = scheme.Verify(new WebhookDelivery(headers, body), receiverKeys, WebhookReadParts.Identity);
                received.IsValid.Should().BeTrue();
                received.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedId(DeliveryId));
            }
        }

        var sequence = text.ToString();
        output.WriteLine(sequence);
        (result.Outcome, result.Attempts, result.DeliveryId).Should().Be((WebhookDeliveryOutcome.Delivered, 3, DeliveryId));
        var page = File.ReadAllText(Path.Combine(ReferenceLibraries.Folder, "..", "..", "docs", "sending.md")).ReplaceLineEndings("\n");
        page.Should().Contain("```text\n" + sequence + "```", "docs/sending.md shows this sequence as it is sent");
    }
}
