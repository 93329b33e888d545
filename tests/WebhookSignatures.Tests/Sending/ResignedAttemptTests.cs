using System.Net;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending;

/// <summary>
/// A request that passes through the signing handler again (what a retry policy outside it does) is the delivery's next
/// attempt: the receiver must see the same delivery, inside its window, or nothing at all.
/// </summary>
public sealed class ResignedAttemptTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_712_345_678);
    private static readonly Uri Url = new("https://hooks.example.com/in");

    // Carries the ids the signed-body schemes read (Stripe's id, Paddle's event_id, Slack's event_id) and the member
    // Linear signs as the body's own time (now).
    private static readonly byte[] Body = """{"id":"evt_1","event_id":"evt_1","type":"ping","event_type":"ping","event":"ping","webhookTimestamp":1712345678000}"""u8.ToArray();

    public static TheoryData<string> SigningSchemes()
    {
        var data = new TheoryData<string>();
        foreach (var scheme in WebhookSchemeCatalog.BuiltIn.All.Where(s => s.CanSign))
        {
            data.Add(scheme.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SigningSchemes))]
    public async Task Every_attempt_that_is_sent_verifies_on_arrival_as_the_same_delivery(string name)
    {
        var clock = new FakeTimeProvider(Now);
        var descriptor = WebhookSchemeCatalog.BuiltIn.Get(name);
        var scheme = descriptor.Create(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = scheme.CreateKeyRing([descriptor.GenerateSecret()]);
        var recorder = new RecordingHandler();
        using var invoker = Invoker(scheme, keys, recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Body) };
        var identities = new List<WebhookDeliveryIdentity>();

        // The default schedule's waits, then one past the window.
        foreach (var wait in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), scheme.Tolerance })
        {
            clock.Advance(wait);
            try
            {
                (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
            }
            catch (WebhookResendRefusedException)
            {
                scheme.SignsTimestamp.Should().BeTrue("only a signed time makes a resend stale");
                break;
            }

            var sent = recorder.Sent[^1];
            var received = scheme.Verify(new WebhookDelivery(sent.Headers, sent.Body, new WebhookRequestTarget("POST", Url)), keys, WebhookReadParts.Identity);
            received.IsValid.Should().BeTrue($"attempt {recorder.Sent.Count} arrives inside the window ({received.FailureReason})");
            identities.Add(received.Identity);
        }

        identities.Should().HaveCountGreaterThanOrEqualTo(3, "the default schedule's first three attempts fit in every window, Linear's minute included");
        identities.Distinct().Should().ContainSingle("every attempt is one delivery to the receiver");
    }

    [Theory]
    [InlineData("standard-webhooks", true)]
    [InlineData("twitch", true)]
    [InlineData("stripe", true)]
    [InlineData("paddle", true)]
    [InlineData("slack", true)]
    [InlineData("infisical-alerts", true)]
    [InlineData("infisical", false)]
    [InlineData("hubspot", false)]
    [InlineData("zoom", false)]
    [InlineData("linear", false)]
    [InlineData("github", false)]
    [InlineData("snyk", false)]
    [InlineData("gitlab", false)]
    [InlineData("shopify", false)]
    [InlineData("twilio", false)]
    [InlineData("square", false)]
    public async Task Schemes_that_sign_a_delivery_id_are_re_signed_and_the_others_resend_the_same_bytes(string name, bool resigned)
    {
        var clock = new FakeTimeProvider(Now);
        var descriptor = WebhookSchemeCatalog.BuiltIn.Get(name);
        var scheme = descriptor.Create(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = scheme.CreateKeyRing([descriptor.GenerateSecret()]);
        var recorder = new RecordingHandler();
        using var invoker = Invoker(scheme, keys, recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Body) };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(5));
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        var (first, second) = (recorder.Sent[0], recorder.Sent[1]);
        var same = first.Body.SequenceEqual(second.Body) && first.Headers.All(h => second.Headers.GetValue(h.Key) == h.Value);
        same.Should().Be(!resigned, resigned ? "a fresh signature keeps the signed id" : "a fresh signature would be a new delivery, or the same bytes");
    }

    [Fact]
    public async Task A_standard_webhooks_attempt_is_signed_anew_with_a_fresh_timestamp_and_the_same_id()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new StandardWebhooksSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = scheme.CreateKeyRing([StandardWebhooksSignature.GenerateSecret()]);
        var recorder = new RecordingHandler();
        using var invoker = Invoker(scheme, keys, recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(Body) };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Advance(TimeSpan.FromMinutes(10));
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        var (first, second) = (recorder.Sent[0], recorder.Sent[1]);
        first.Headers.GetValue("webhook-timestamp").Should().Be("1712345678");
        second.Headers.GetValue("webhook-timestamp").Should().Be("1712346278");
        second.Headers.GetValue("webhook-id").Should().StartWith("msg_").And.Be(first.Headers.GetValue("webhook-id"));
        second.Body.Should().Equal(first.Body).And.Equal(Body);
        scheme.Verify(new(second.Headers, second.Body), keys).IsValid.Should().BeTrue("ten minutes later, only a fresh signature verifies");
    }

    [Fact]
    public async Task A_stripe_body_without_an_id_is_resent_identically_because_a_new_signature_would_be_a_new_delivery()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new StripeSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets("whsec_stripe-style-secret-0123");
        var recorder = new RecordingHandler();
        using var invoker = Invoker(scheme, keys, recorder);
        using var withId = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("""{"id":"evt_1","type":"ping"}""") };
        using var withoutId = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("""{"type":"ping"}""") };

        (await invoker.SendAsync(withId, CancellationToken.None)).Dispose();
        (await invoker.SendAsync(withoutId, CancellationToken.None)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(30));
        (await invoker.SendAsync(withId, CancellationToken.None)).Dispose();
        (await invoker.SendAsync(withoutId, CancellationToken.None)).Dispose();

        recorder.Sent[2].Headers.GetValue("Stripe-Signature").Should().StartWith("t=1712345708,", "a body with its id is re-signed");
        recorder.Sent[3].Headers.GetValue("Stripe-Signature").Should().Be(recorder.Sent[1].Headers.GetValue("Stripe-Signature"), "a body without one is resent as it was");
    }

    [Fact]
    public async Task An_infisical_attempt_is_resent_byte_for_byte_while_it_can_arrive_in_the_window_and_refused_after()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets("infisical-secret-0123456789");
        var recorder = new RecordingHandler();
        using var invoker = Invoker(scheme, keys, recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent("""{"event":"test"}""") };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        // Five minutes of window, less the 15-second attempt timeout: 4:45 after signing is the last moment to resend.
        clock.Advance(TimeSpan.FromSeconds(285));
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var late = () => invoker.SendAsync(request, CancellationToken.None);

        var refused = (await late.Should().ThrowAsync<WebhookResendRefusedException>()).Which;
        recorder.Sent.Should().HaveCount(2, "the refused attempt is never sent");
        recorder.Sent[1].Body.Should().Equal(recorder.Sent[0].Body);
        recorder.Sent[1].Headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().Be(recorder.Sent[0].Headers.GetValue(InfisicalSignature.SignatureHeaderName));
        refused.SchemeName.Should().Be("infisical");
        refused.Attempt.Should().Be(3);
        refused.SignedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds()));
        refused.Message.Should().Contain("new delivery").And.Contain("window");
    }

    [Fact]
    public async Task The_delivery_id_a_caller_asks_for_is_the_one_every_attempt_carries()
    {
        var clock = new FakeTimeProvider(Now);
        var scheme = new StandardWebhooksSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = scheme.CreateKeyRing([StandardWebhooksSignature.GenerateSecret()]);
        var recorder = new RecordingHandler();
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = scheme, Keys = keys }, recorder);

        var result = await sender.DeliverAsync(Url, Body, deliveryId: "msg_order-1234-paid");

        result.Should().BeEquivalentTo(new { Outcome = WebhookDeliveryOutcome.Delivered, StatusCode = HttpStatusCode.OK, Attempts = 1, DeliveryId = "msg_order-1234-paid" }, o => o.ExcludingMissingMembers());
        recorder.Sent.Single().Headers.GetValue("webhook-id").Should().Be("msg_order-1234-paid");
    }

    private static HttpMessageInvoker Invoker(WebhookScheme scheme, KeyRing keys, RecordingHandler recorder) =>
        new(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = scheme, Keys = keys }) { InnerHandler = recorder });
}
