using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// Every signing scheme's identity, stated independently of its code: the id its sender signs and keeps across
/// retries where there is one, else exactly what its MAC covers (signed prefix, content and suffix) in the form that
/// verified. So a resent delivery is one delivery, and a re-signed one is a new delivery exactly when the sender signs
/// a new timestamp and no id.
/// </summary>
public sealed class IdentityTests
{
    private const string DeliveryId = "msg_1";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] WithIds = """{"id":"evt_1","type":"t","event_id":"e1","source":"/s"}"""u8.ToArray();
    private static readonly byte[] WithoutIds = """{"type":"t"}"""u8.ToArray();

    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var row in WebhookSchemeCatalog.BuiltIn.All.Where(r => r.CanSign))
        {
            data.Add(row.Name, true);
            data.Add(row.Name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_identity_is_the_signed_id_or_exactly_what_the_mac_covers(string name, bool bodyHasIds)
    {
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(At) });
        using var keys = scheme.CreateKeyRing([TimestampedSchemes.Secrets[0]]);
        var body = SchemeInputs.JsonBody(name, bodyHasIds ? WithIds : WithoutIds, At);
        var target = Target(name, body);
        var signed = scheme.Sign(body, keys, new() { Target = target, Timestamp = At, DeliveryId = DeliveryId });

        var identity = scheme.VerifySigned(signed, keys, WebhookReadParts.Identity, target).Identity;

        identity.Should().Be(Expected(name, signed.Body.ToArray(), bodyHasIds, target));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_resent_delivery_is_one_delivery_and_a_re_signed_one_is_new_only_when_a_new_timestamp_and_no_id_are_signed(string name, bool bodyHasIds)
    {
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(At) });
        using var keys = scheme.CreateKeyRing([TimestampedSchemes.Secrets[0]]);
        var first = Sign(scheme, keys, name, bodyHasIds, At);
        var later = Sign(scheme, keys, name, bodyHasIds, At.AddSeconds(1));

        var identity = first.Read();
        var retried = later.Read();

        first.Read().Should().Be(identity, "the same signed bytes are the same delivery");
        var signsNewContent = scheme.SignsTimestamp && !HasSignedId(name, bodyHasIds);
        (retried == identity).Should().Be(!signsNewContent, "{0} signs {1}", name, signsNewContent ? "a new timestamp and no id" : "an id or no timestamp");
    }

    private static (SignedWebhook Signed, Func<WebhookDeliveryIdentity> Read) Sign(WebhookScheme scheme, KeyRing keys, string name, bool bodyHasIds, DateTimeOffset at)
    {
        var body = SchemeInputs.JsonBody(name, bodyHasIds ? WithIds : WithoutIds, at);
        var target = Target(name, body);
        var signed = scheme.Sign(body, keys, new() { Target = target, Timestamp = at, DeliveryId = DeliveryId });
        return (signed, () => scheme.VerifySigned(signed, keys, WebhookReadParts.Identity, target).Identity);
    }

    // Twilio's JSON deliveries carry the body's hash in the URL, so its MAC covers the URL alone.
    private static WebhookRequestTarget Target(string name, byte[] body) => name == TwilioSignature.SchemeName
        ? WebhookRequestTarget.Post(TwilioSignature.AddBodyHash(SchemeInputs.Url, body))
        : SchemeInputs.Target;

    private static bool HasSignedId(string name, bool bodyHasIds) => name switch
    {
        StandardWebhooksSignature.SchemeName or TwitchSignature.SchemeName => true,
        StripeSignature.SchemeName or InfisicalAlertsSignature.SchemeName or SlackSignature.SchemeName or PaddleSignature.SchemeName or SquareSignature.SchemeName => bodyHasIds,
        _ => false,
    };

    private static WebhookDeliveryIdentity Expected(string name, byte[] body, bool bodyHasIds, WebhookRequestTarget target)
    {
        var seconds = At.ToUnixTimeSeconds();
        var url = Encoding.UTF8.GetBytes(target.Url!.OriginalString);
        return name switch
        {
            StandardWebhooksSignature.SchemeName or TwitchSignature.SchemeName => WebhookDeliveryIdentity.FromSignedId(DeliveryId),
            StripeSignature.SchemeName => bodyHasIds ? WebhookDeliveryIdentity.FromSignedId("evt_1") : Content($"{seconds}.", body),
            InfisicalAlertsSignature.SchemeName => bodyHasIds ? WebhookDeliveryIdentity.FromSignedId("2:/s:evt_1") : Content($"{seconds * 1000}.", body),
            SlackSignature.SchemeName => bodyHasIds ? WebhookDeliveryIdentity.FromSignedId("e1") : Content($"v0:{seconds}:", body),
            ZoomSignature.SchemeName => Content($"v0:{seconds}:", body),
            PaddleSignature.SchemeName => bodyHasIds ? WebhookDeliveryIdentity.FromSignedId("e1") : Content($"{seconds}:", body),
            SquareSignature.SchemeName => bodyHasIds ? WebhookDeliveryIdentity.FromSignedId("e1") : WebhookDeliveryIdentity.FromSignedContent(url, body),
            TwilioSignature.SchemeName => WebhookDeliveryIdentity.FromSignedContent(url, default),
            HubSpotSignature.SchemeName => WebhookDeliveryIdentity.FromSignedContent(
                Encoding.UTF8.GetBytes("POST" + target.Url.OriginalString), body, Encoding.ASCII.GetBytes($"{seconds * 1000}")),
            InfisicalSignature.SchemeName or SnykSignature.SchemeName or GitHubSignature.SchemeName or ShopifySignature.SchemeName
                or LinearSignature.SchemeName or GitLabToken.SchemeName => WebhookDeliveryIdentity.FromSignedContent(default, body),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A scheme this test does not know: state its identity here."),
        };
    }

    private static WebhookDeliveryIdentity Content(string prefix, byte[] body) => WebhookDeliveryIdentity.FromSignedContent(Encoding.ASCII.GetBytes(prefix), body);
}
