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

public sealed class WebhookSchemeCatalogTests
{
    public static TheoryData<string> Names => [.. WebhookSchemeCatalog.All.Select(s => s.Name)];

    [Fact]
    public void The_catalog_lists_every_built_in_scheme_once_in_a_stable_order()
    {
        WebhookSchemeCatalog.All.Select(s => s.Name).Should().Equal(
            InfisicalSignature.SchemeName,
            SnykSignature.SchemeName,
            GitHubSignature.SchemeName,
            StandardWebhooksSignature.SchemeName,
            StripeSignature.SchemeName,
            InfisicalAlertsSignature.SchemeName,
            SlackSignature.SchemeName,
            ZoomSignature.SchemeName,
            TwitchSignature.SchemeName,
            PaddleSignature.SchemeName,
            TwilioSignature.SchemeName,
            HubSpotSignature.SchemeName,
            SquareSignature.SchemeName,
            ShopifySignature.SchemeName,
            LinearSignature.SchemeName,
            GitLabToken.SchemeName,
            GitHubSha1Signature.SchemeName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_row_describes_the_scheme_it_creates(string name)
    {
        var row = WebhookSchemeCatalog.Get(name);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        var scheme = row.Create(new WebhookSchemeOptions { TimeProvider = clock, Tolerance = TimeSpan.FromSeconds(30) });

        scheme.Name.Should().Be(name);
        scheme.GetType().Should().Be(row.Default.GetType());
        scheme.TimeProvider.Should().BeSameAs(clock);
        scheme.Tolerance.Should().Be(TimeSpan.FromSeconds(30));
        scheme.HeaderNames.Should().Equal(row.HeaderNames);
        row.SignsTimestamp.Should().Be(scheme.SignsTimestamp).And.Be(row.TimestampUnit is not null);
        row.Create().Should().BeSameAs(row.Default);
        row.DisplayName.Should().NotBeNullOrWhiteSpace();
        row.Description.Should().NotBeNullOrWhiteSpace();
        row.ToString().Should().Be(name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_row_that_signs_signs_with_a_secret_it_generates(string name)
    {
        var row = WebhookSchemeCatalog.Get(name);
        using var keys = row.Default.CreateKeyRing([row.GenerateSecret()]);
        var body = name == InfisicalSignature.SchemeName ? """{"event":"test"}"""u8.ToArray() : SchemeInputs.JsonBody(name, """{"type":"test","id":"evt_1"}"""u8.ToArray(), row.Default.TimeProvider.GetUtcNow());

        var sign = () => row.Default.Sign(body, keys, SchemeInputs.Target);

        if (row.CanSign)
        {
            var signed = sign();
            row.Default.Verify(signed.Headers, signed.Body.Span, keys, SchemeInputs.Target).IsValid.Should().BeTrue();
        }
        else
        {
            sign.Should().Throw<NotSupportedException>();
        }
    }

    [Fact]
    public void The_timestamp_units_are_the_senders()
    {
        WebhookSchemeCatalog.Get(StripeSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Seconds);
        WebhookSchemeCatalog.Get(StandardWebhooksSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Seconds);
        WebhookSchemeCatalog.Get(InfisicalSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Milliseconds);
        WebhookSchemeCatalog.Get(InfisicalAlertsSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Milliseconds);
        WebhookSchemeCatalog.Get(SnykSignature.SchemeName).TimestampUnit.Should().BeNull();
    }

    [Fact]
    public void Standard_webhooks_secrets_are_generated_in_their_own_format()
    {
        WebhookSchemeCatalog.Get(StandardWebhooksSignature.SchemeName).GenerateSecret().Should().StartWith(StandardWebhooksSignature.SecretPrefix);
        WebhookSchemeCatalog.Get(StripeSignature.SchemeName).GenerateSecret().Should().NotStartWith(StandardWebhooksSignature.SecretPrefix);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        WebhookSchemeCatalog.TryGet("acme", out var none).Should().BeFalse();
        none.Should().BeNull();
        WebhookSchemeCatalog.TryGet("GitHub", out _).Should().BeFalse("names are matched exactly");

        var get = () => WebhookSchemeCatalog.Get("acme");

        get.Should().Throw<ArgumentException>().WithParameterName("name").WithMessage("*'acme'*infisical, snyk, github*");
    }
}
