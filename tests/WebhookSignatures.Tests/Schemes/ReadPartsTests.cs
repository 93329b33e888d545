using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Twilio;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// What one read of a delivery returns besides its verdict: each part only when asked for, and none for a delivery that
/// does not verify (forged, or signed outside the window), whatever was asked.
/// </summary>
public sealed class ReadPartsTests
{
    private static readonly byte[] Json = """{"id":"evt_1","type":"invoice.paid","event_id":"e1","event_type":"t.c","event":"secrets.modified"}"""u8.ToArray();

    public static TheoryData<string> Names => [.. WebhookSchemeCatalog.BuiltIn.All.Where(r => r.CanSign).Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_part_is_read_only_when_asked_for(string name)
    {
        var (scheme, headers, body, keys) = Signed(name, TimestampedSchemes.Now);
        using (keys)
        {
            var all = scheme.Verify(new(headers, body, SchemeInputs.Target), keys, WebhookReadParts.All);
            var none = scheme.Verify(new(headers, body, SchemeInputs.Target), keys);
            var identity = scheme.Verify(new(headers, body, SchemeInputs.Target), keys, WebhookReadParts.Identity);
            var description = scheme.Verify(new(headers, body, SchemeInputs.Target), keys, WebhookReadParts.Description);

            all.IsValid.Should().BeTrue(all.ToString());
            all.Identity.IsEmpty.Should().BeFalse();
            if (scheme is not HubSpotSignature)
            {
                all.Description.Should().NotBe(default(WebhookDeliveryDescription), "every sender but HubSpot names the event or the delivery, and this body or these headers give both");
            }
            (none.Identity.IsEmpty, none.Description, none.Handshake).Should().Be((true, default(WebhookDeliveryDescription), (WebhookHandshakeResponse?)null));
            (identity.Identity, identity.Description).Should().Be((all.Identity, default(WebhookDeliveryDescription)));
            (description.Identity.IsEmpty, description.Description).Should().Be((true, all.Description));
            new[] { none, identity, description }.Should().AllSatisfy(r => (r.IsValid, r.MatchedKeyIndex, r.TimestampUnixMs).Should().Be((all.IsValid, all.MatchedKeyIndex, all.TimestampUnixMs)));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_delivery_that_does_not_verify_has_no_part_whatever_was_asked(string name)
    {
        var (scheme, headers, body, keys) = Signed(name, TimestampedSchemes.Now);
        using (keys)
        using (var wrong = scheme.CreateKeyRing([TimestampedSchemes.Secrets[1]]))
        {
            var tampered = (byte[])body.Clone();
            tampered[^2] ^= 0x01;
            var late = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now.AddHours(2)) });

            var results = new List<WebhookVerificationResult> { scheme.Verify(new(headers, body, SchemeInputs.Target), wrong, WebhookReadParts.All) };
            if (scheme is not GitLabToken)
            {
                results.Add(scheme.Verify(new(headers, tampered, SchemeInputs.Target), keys, WebhookReadParts.All));
            }

            if (scheme.SignsTimestamp)
            {
                results.Add(late.Verify(new(headers, body, SchemeInputs.Target), keys, WebhookReadParts.All));
            }

            results.Should().AllSatisfy(r =>
            {
                r.IsValid.Should().BeFalse();
                r.Identity.IsEmpty.Should().BeTrue();
                r.Description.Should().Be(default(WebhookDeliveryDescription));
                r.Handshake.Should().BeNull();
            });
        }
    }

    private static (WebhookScheme Scheme, WebhookHeaders Headers, byte[] Body, KeyRing Keys) Signed(string name, DateTimeOffset at)
    {
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(at) });
        var keys = scheme.CreateKeyRing([TimestampedSchemes.Secrets[0]]);
        var signed = scheme.Sign(SchemeInputs.JsonBody(name, Json, at), keys, new() { Target = SchemeInputs.Target });
        var headers = new WebhookHeaders();
        foreach (var (header, value) in signed.Headers)
        {
            headers.Add(header, value);
        }

        // The unsigned headers that name a delivery's event or id, for the senders that describe it by headers.
        foreach (var (header, value) in new[]
        {
            (GitHubSignature.EventHeaderName, "push"), (GitHubSignature.DeliveryIdHeaderName, "g-1"), (SnykSignature.EventHeaderName, "ping/v0"),
            (SnykSignature.DeliveryIdHeaderName, "s-1"), (ShopifySignature.TopicHeaderName, "orders/create"), (GitLabToken.EventHeaderName, "Push Hook"),
            (TwilioSignature.IdempotencyTokenHeaderName, "t-1"), (LinearSignature.EventHeaderName, "Issue"), (LinearSignature.DeliveryIdHeaderName, "l-1"),
        })
        {
            if (headers.GetValue(header) is null)
            {
                headers.Add(header, value);
            }
        }

        return (scheme, headers, signed.Body.ToArray(), keys);
    }
}
