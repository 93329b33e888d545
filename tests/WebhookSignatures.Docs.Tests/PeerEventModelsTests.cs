using System.Text;
using System.Text.Json;
using Octokit.Webhooks.Events;
using Stripe;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// What the GitHub and Stripe pages show: the bytes this library verified go to the senders' own models (Octokit.Webhooks'
/// event types, Stripe.net's <c>EventUtility.ParseEvent</c>) with no second signature check, and Stripe.net's API-version
/// check is met by matching the endpoint's version or turned off by name.
/// </summary>
public sealed class PeerEventModelsTests
{
    private const string GitHubSecret = "github-peer-models-secret-0001";
    private const string StripeSecret = "whsec_peer_models_secret_0001";

    [Fact]
    public void A_verified_GitHub_push_becomes_Octokits_PushEvent()
    {
        var body = """{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","compare":"https://github.com/acme/payments/compare/6113728f27ae...0d1a26e67d8f","created":false,"deleted":false,"forced":false,"commits":[],"pusher":{"name":"octocat"}}"""u8.ToArray();
        using var keys = KeyRing.FromSecrets(GitHubSecret);
        var headers = new WebhookHeaders
        {
            { GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, keys.GetKey(0)) },
            { GitHubSignature.EventHeaderName, "push" },
        };

        var result = GitHubSignature.Default.Verify(new(headers, body), keys, WebhookReadParts.Description);
        var push = JsonSerializer.Deserialize<PushEvent>(body);

        result.IsValid.Should().BeTrue();
        result.Description.EventName.Should().Be("push");
        push!.Ref.Should().Be("refs/heads/main");
        push.Pusher.Name.Should().Be("octocat");
    }

    [Fact]
    public void A_verified_Stripe_event_of_another_API_version_is_refused_by_default_and_parsed_when_the_check_is_off()
    {
        var json = StripeEvent("2024-06-20");
        var result = Verify(json);

        var strict = () => EventUtility.ParseEvent(json);
        var parsed = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);

        result.IsValid.Should().BeTrue();
        strict.Should().Throw<StripeException>().Which.Message.Should().Contain(StripeConfiguration.ApiVersion.Split('.')[0]);
        parsed.Id.Should().Be("evt_1PeerModels");
        parsed.Type.Should().Be("payment_intent.succeeded");
        parsed.Data.Object.Should().BeOfType<PaymentIntent>().Which.Amount.Should().Be(4200);
    }

    [Fact]
    public void A_verified_Stripe_event_of_Stripe_nets_API_version_parses_with_the_check_on()
    {
        var json = StripeEvent(StripeConfiguration.ApiVersion);

        Verify(json).IsValid.Should().BeTrue();
        EventUtility.ParseEvent(json).Data.Object.Should().BeOfType<PaymentIntent>();
    }

    [Fact]
    public void ParseEvent_checks_no_signature_so_only_verified_bytes_may_reach_it()
    {
        // ParseEvent is the half of ConstructEvent without the signature: a forged body parses just as well, which is
        // why the pages hand it only what the pipeline verified.
        var forged = StripeEvent("2024-06-20");

        Verify(forged, signWith: "whsec_somebody_else_entirely").FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        EventUtility.ParseEvent(forged, throwOnApiVersionMismatch: false).Id.Should().Be("evt_1PeerModels");
    }

    private static WebhookVerificationResult Verify(string json, string signWith = StripeSecret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var keys = KeyRing.FromSecrets(StripeSecret);
        var header = StripeSignature.CreateSignatureHeader(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body, Encoding.UTF8.GetBytes(signWith));
        return StripeSignature.Default.Verify(new(new WebhookHeaders { { StripeSignature.SignatureHeaderName, header } }, body), keys);
    }

    private static string StripeEvent(string apiVersion) => $$$"""
        {"id":"evt_1PeerModels","object":"event","api_version":"{{{apiVersion}}}","created":1712345678,"data":{"object":{"id":"pi_1PeerModels","object":"payment_intent","amount":4200,"currency":"eur","status":"succeeded"}},"livemode":false,"pending_webhooks":1,"type":"payment_intent.succeeded"}
        """;
}
