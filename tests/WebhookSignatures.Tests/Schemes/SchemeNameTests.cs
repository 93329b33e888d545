using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests.Schemes;

public sealed class SchemeNameTests
{
    [Fact]
    public void The_new_schemes_carry_their_stable_names()
    {
        StandardWebhooksSignature.Default.Name.Should().Be("standard-webhooks");
        StripeSignature.Default.Name.Should().Be("stripe");
        InfisicalAlertsSignature.Default.Name.Should().Be("infisical-alerts");
        GitHubSha1Signature.Default.Name.Should().Be("github-sha1");
    }

    [Fact]
    public void The_default_instances_use_five_minutes_of_tolerance_and_sign_a_timestamp()
    {
        WebhookScheme[] schemes = [StandardWebhooksSignature.Default, StripeSignature.Default, InfisicalAlertsSignature.Default];

        schemes.Should().AllSatisfy(s =>
        {
            s.Tolerance.Should().Be(TimeSpan.FromMinutes(5));
            s.SignsTimestamp.Should().BeTrue();
        });
    }

    [Fact]
    public void The_signature_headers_are_the_senders_names()
    {
        StripeSignature.Default.HeaderNames.Should().Equal("Stripe-Signature");
        InfisicalAlertsSignature.Default.HeaderNames.Should().Equal("x-infisical-signature");
    }
}
