using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>Twilio, HubSpot, Square, Shopify, Linear and GitLab accept a delivery signed with any secret of the ring and say which.</summary>
public sealed class SenderRotationTests
{
    private static readonly string[] Ring = ["current-secret-0123456789", "middle-secret-0123456789", "oldest-secret-0123456789"];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "twilio", "hubspot", "square", "shopify", "linear", "gitlab" })
        {
            for (var position = 0; position < Ring.Length; position++)
            {
                data.Add(name, position);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_delivery_signed_with_any_secret_of_the_ring_matches_that_secret(string name, int position)
    {
        var scheme = WebhookSchemeCatalog.BuiltIn.Get(name).Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(TimestampedSchemes.Now) });
        var body = SchemeInputs.JsonBody(name, """{"type":"test","event_id":"e1"}"""u8.ToArray(), TimestampedSchemes.Now);
        using var signer = scheme.CreateKeyRing([Ring[position]]);
        using var ring = scheme.CreateKeyRing(Ring);

        var signed = scheme.Sign(body, signer, new() { Target = SchemeInputs.Target });
        var result = scheme.Verify(new(signed.Headers, signed.Body.Span, SchemeInputs.Target), ring);

        result.IsValid.Should().BeTrue(result.ToString());
        result.MatchedKeyIndex.Should().Be(position);
    }
}
