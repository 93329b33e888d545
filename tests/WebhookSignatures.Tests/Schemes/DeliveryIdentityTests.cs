using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// Identities made by signing the way a sender does and verifying: one delivery never gets two identities (so it never
/// runs twice) and two deliveries never share one (so neither is dropped as the other's duplicate), whatever the JSON
/// spelling or the header names.
/// </summary>
public sealed class DeliveryIdentityTests
{
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly WebhookSchemeOptions Options = new() { TimeProvider = new FakeTimeProvider(Now) };
    private static readonly StripeSignature Stripe = new(Options);
    private static readonly StandardWebhooksSignature Standard = new(Options);
    private static readonly InfisicalAlertsSignature Alerts = new(Options);

    [Theory]
    [InlineData("""{"id":"evt_1","type":"a"}""", """{"type":"a","id":"evt_1","extra":[1,{"id":"evt_2"}]}""")]
    [InlineData("""{"id":"evt_1"}""", """{"\u0069d":"evt\u005f1"}""")]
    [InlineData("""{"id":"evt_1"}""", "{ \"id\" :\r\n \"evt_1\" }")]
    public void A_stripe_event_id_is_the_same_identity_however_the_json_spells_it_and_whenever_it_is_signed(string first, string second)
    {
        var a = StripeIdentity(first, Now);
        var b = StripeIdentity(second, Now.AddMinutes(-1));

        a.Should().Be(b, "both bodies carry the top-level id evt_1");
        a.Source.Should().Be(WebhookDeliveryIdentitySource.SignedId);
    }

    [Theory]
    [InlineData("""{"nested":{"id":"evt_1"},"type":"a"}""")]
    [InlineData("""{"data":[{"id":"evt_1"}]}""")]
    [InlineData("""{"id":"evt_1x"}""")]
    [InlineData("""{"ID":"evt_1"}""")]
    [InlineData("""{"id":""}""")]
    public void Only_the_top_level_id_itself_identifies_a_stripe_event(string other)
    {
        var top = StripeIdentity("""{"id":"evt_1"}""", Now);

        StripeIdentity(other, Now).Should().NotBe(top);
    }

    [Fact]
    public void A_repeated_top_level_id_is_read_first_both_for_the_identity_and_for_the_handler()
    {
        // Two bodies whose first ids differ are two deliveries even when a later duplicate key agrees; the id the
        // handler is shown (the description) is the one that identifies the delivery.
        const string First = """{"id":"evt_1","id":"evt_2"}""";
        const string Second = """{"id":"evt_3","id":"evt_2"}""";

        StripeIdentity(First, Now).Should().Be(StripeIdentity("""{"id":"evt_1"}""", Now));
        StripeIdentity(First, Now).Should().NotBe(StripeIdentity(Second, Now));
        using var keys = KeyRing.FromSecrets("whsec_stripe-test-secret-00000001");
        Stripe.VerifySigned(Stripe.Sign(Encoding.UTF8.GetBytes(First), keys, new() { Timestamp = Now }), keys, WebhookReadParts.Description)
            .Description.DeliveryId.Should().Be("evt_1");
    }

    [Theory]
    [InlineData("""{"id":123,"type":"a"}""")]
    [InlineData("""{"id":null,"type":"a"}""")]
    [InlineData("""{"id":{"evt":"1"},"type":"a"}""")]
    [InlineData("""{"id":"evt_\ud800"}""")]
    public void An_id_that_is_not_a_usable_string_falls_back_to_exactly_what_the_mac_covers(string body)
    {
        var now = StripeIdentity(body, Now);
        var resent = StripeIdentity(body, Now);
        var resigned = StripeIdentity(body, Now.AddSeconds(1));

        now.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        now.Should().Be(resent, "identical bytes are one delivery");
        now.Should().NotBe(resigned, "without a signed id, a new t is new signed content");
    }

    [Fact]
    public void A_signed_id_never_collides_with_signed_content_that_spells_it()
    {
        var id = WebhookDeliveryIdentity.FromSignedId("evt_1");
        var content = WebhookDeliveryIdentity.FromSignedContent(default, "evt_1"u8);

        id.Should().NotBe(content);
    }

    [Fact]
    public void A_standard_webhooks_message_is_one_identity_under_either_header_set_and_any_surrounding_whitespace()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"ping"}""");
        using var keys = Standard.CreateKeyRing([StandardSecret]);
        var signed = Standard.Sign(body, keys, new() { Timestamp = Now, DeliveryId = "msg_1" });
        var mac = signed.Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!;
        var timestamp = signed.Headers.GetValue(StandardWebhooksSignature.TimestampHeaderName)!;

        var standard = StandardIdentity(body, keys, ("webhook-id", "msg_1"), ("webhook-timestamp", timestamp), ("webhook-signature", mac));
        var svix = StandardIdentity(body, keys, ("svix-id", "msg_1"), ("svix-timestamp", timestamp), ("svix-signature", mac));
        var padded = StandardIdentity(body, keys, ("webhook-id", " \tmsg_1\t "), ("webhook-timestamp", timestamp), ("webhook-signature", mac));

        standard.Should().Be(svix).And.Be(padded);
    }

    [Fact]
    public void With_both_id_headers_the_signed_one_identifies_the_message_and_the_other_is_ignored()
    {
        // webhook-id is what the MAC covers when both are present, so an added svix-id can neither split a
        // delivery in two nor make it a duplicate of another message.
        var body = Encoding.UTF8.GetBytes("""{"type":"ping"}""");
        using var keys = Standard.CreateKeyRing([StandardSecret]);
        var signed = Standard.Sign(body, keys, new() { Timestamp = Now, DeliveryId = "msg_1" });
        var mac = signed.Headers.GetValue(StandardWebhooksSignature.SignatureHeaderName)!;
        var timestamp = signed.Headers.GetValue(StandardWebhooksSignature.TimestampHeaderName)!;

        var plain = StandardIdentity(body, keys, ("webhook-id", "msg_1"), ("webhook-timestamp", timestamp), ("webhook-signature", mac));
        var withSvix = StandardIdentity(body, keys, ("webhook-id", "msg_1"), ("svix-id", "msg_other"), ("webhook-timestamp", timestamp), ("webhook-signature", mac));

        withSvix.Should().Be(plain);
        var forged = new WebhookHeaders { { "webhook-id", "msg_other" }, { "svix-id", "msg_1" }, { "webhook-timestamp", timestamp }, { "webhook-signature", mac } };
        Standard.Verify(new(forged, body), keys).IsValid.Should().BeFalse("the unsigned id cannot borrow the signed one's MAC");
    }

    [Fact]
    public void An_infisical_alert_is_identified_by_its_cloudevent_id_across_retries()
    {
        const string Body = """{"specversion":"1.0","id":"0b3c","source":"infisical","type":"com.infisical.alert"}""";
        using var keys = KeyRing.FromSecrets("infisical-alert-secret-0001");

        var first = Identify(Alerts, Alerts.Sign(Encoding.UTF8.GetBytes(Body), keys, new() { Timestamp = Now }), keys);
        var retry = Identify(Alerts, Alerts.Sign(Encoding.UTF8.GetBytes(Body), keys, new() { Timestamp = Now.AddMinutes(-2) }), keys);

        first.Should().Be(retry);
        first.Source.Should().Be(WebhookDeliveryIdentitySource.SignedId);
    }

    [Fact]
    public void Infisical_alerts_with_the_same_id_from_two_sources_are_two_deliveries()
    {
        // CloudEvents makes source and id unique together; an id alone may repeat across sources (two projects'
        // alerts sent to one receiver), and the second alert must not be dropped as the first one's duplicate.
        using var keys = KeyRing.FromSecrets("infisical-alert-secret-0001");
        var projectOne = """{"specversion":"1.0","type":"com.infisical.pki.certificate.expiration","source":"/projects/p-1/pki-alerts","id":"a1b2"}""";
        var projectTwo = """{"specversion":"1.0","type":"com.infisical.pki.certificate.expiration","source":"/projects/p-2/pki-alerts","id":"a1b2"}""";
        var noSource = """{"specversion":"1.0","id":"24:/projects/p-1/pki-alerts:a1b2"}""";

        var one = Identify(Alerts, Alerts.Sign(Encoding.UTF8.GetBytes(projectOne), keys, new() { Timestamp = Now }), keys);
        var two = Identify(Alerts, Alerts.Sign(Encoding.UTF8.GetBytes(projectTwo), keys, new() { Timestamp = Now }), keys);
        var spelled = Identify(Alerts, Alerts.Sign(Encoding.UTF8.GetBytes(noSource), keys, new() { Timestamp = Now }), keys);

        one.Should().NotBe(two);
        one.Should().NotBe(spelled, "an id cannot spell out another event's source and id");
    }

    private static WebhookDeliveryIdentity StripeIdentity(string body, DateTimeOffset at)
    {
        using var keys = KeyRing.FromSecrets("whsec_stripe-test-secret-00000001");
        return Identify(Stripe, Stripe.Sign(Encoding.UTF8.GetBytes(body), keys, new() { Timestamp = at }), keys);
    }

    private static WebhookDeliveryIdentity StandardIdentity(byte[] body, KeyRing keys, params (string Name, string Value)[] headers)
    {
        var received = new WebhookHeaders();
        foreach (var (name, value) in headers)
        {
            received.Add(name, value);
        }

        var result = Standard.Verify(new(received, body), keys, WebhookReadParts.Identity);
        result.IsValid.Should().BeTrue();
        return result.Identity;
    }

    private static WebhookDeliveryIdentity Identify(WebhookScheme scheme, SignedWebhook signed, KeyRing keys)
    {
        var result = scheme.VerifySigned(signed, keys, WebhookReadParts.Identity);
        result.IsValid.Should().BeTrue();
        return result.Identity;
    }
}
