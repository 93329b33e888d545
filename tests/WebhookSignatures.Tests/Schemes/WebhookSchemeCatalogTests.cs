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
using WebhookSignatures.Tests.CustomSchemes;

namespace WebhookSignatures.Tests.Schemes;

public sealed class WebhookSchemeCatalogTests
{
    public static TheoryData<string> Names => [.. WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name)];

    [Fact]
    public void The_catalog_lists_every_built_in_scheme_once_in_a_stable_order()
    {
        WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name).Should().Equal(
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
        var row = WebhookSchemeCatalog.BuiltIn.Get(name);
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
        var row = WebhookSchemeCatalog.BuiltIn.Get(name);
        using var keys = row.Default.CreateKeyRing([row.GenerateSecret()]);
        var body = name == InfisicalSignature.SchemeName ? """{"event":"test"}"""u8.ToArray() : SchemeInputs.JsonBody(name, """{"type":"test","id":"evt_1"}"""u8.ToArray(), row.Default.TimeProvider.GetUtcNow());

        var sign = () => row.Default.Sign(body, keys, new() { Target = SchemeInputs.Target });

        if (row.CanSign)
        {
            var signed = sign();
            row.Default.Verify(new(signed.Headers, signed.Body.Span, SchemeInputs.Target), keys).IsValid.Should().BeTrue();
        }
        else
        {
            sign.Should().Throw<NotSupportedException>();
        }
    }

    [Fact]
    public void The_timestamp_units_are_the_senders()
    {
        WebhookSchemeCatalog.BuiltIn.Get(StripeSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Seconds);
        WebhookSchemeCatalog.BuiltIn.Get(StandardWebhooksSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Seconds);
        WebhookSchemeCatalog.BuiltIn.Get(InfisicalSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Milliseconds);
        WebhookSchemeCatalog.BuiltIn.Get(InfisicalAlertsSignature.SchemeName).TimestampUnit.Should().Be(WebhookTimestampUnit.Milliseconds);
        WebhookSchemeCatalog.BuiltIn.Get(SnykSignature.SchemeName).TimestampUnit.Should().BeNull();
    }

    [Fact]
    public void Standard_webhooks_and_stripe_secrets_are_generated_in_their_own_formats()
    {
        var standard = WebhookSchemeCatalog.BuiltIn.Get(StandardWebhooksSignature.SchemeName).GenerateSecret();
        var stripe = WebhookSchemeCatalog.BuiltIn.Get(StripeSignature.SchemeName).GenerateSecret();

        standard.Should().StartWith(StandardWebhooksSignature.SecretPrefix);
        Convert.FromBase64String(standard[StandardWebhooksSignature.SecretPrefix.Length..]).Should().HaveCount(KeyRing.GeneratedSecretBytes);

        // Stripe's secret is the whole string, whsec_ then hex as the Stripe CLI prints, never decoded.
        stripe.Should().MatchRegex("^whsec_[0-9a-f]{64}$");
        WebhookSchemeCatalog.BuiltIn.Get(StripeSignature.SchemeName).CheckSecret(stripe).Should().BeNull();
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones()
    {
        WebhookSchemeCatalog.BuiltIn.TryGet("acme", out var none).Should().BeFalse();
        none.Should().BeNull();
        WebhookSchemeCatalog.BuiltIn.TryGet("GitHub", out _).Should().BeFalse("names are matched exactly");

        var get = () => WebhookSchemeCatalog.BuiltIn.Get("acme");

        get.Should().Throw<ArgumentException>().WithParameterName("name").WithMessage("*'acme'*infisical, snyk, github*");
    }

    [Fact]
    public void With_adds_a_custom_scheme_after_the_others_and_leaves_the_built_in_catalog_as_it_was()
    {
        var acme = AcmeRow();

        var catalog = WebhookSchemeCatalog.BuiltIn.With(acme);

        catalog.All.Select(s => s.Name).Should().Equal([.. WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name), "acme"]);
        catalog.Get("acme").Should().BeSameAs(acme);
        catalog.Get(StripeSignature.SchemeName).Should().BeSameAs(WebhookSchemeCatalog.BuiltIn.Get(StripeSignature.SchemeName));
        WebhookSchemeCatalog.BuiltIn.TryGet("acme", out _).Should().BeFalse("a catalog never changes: With makes a new one");
        catalog.With(AcmeRow()).All.Should().HaveCount(catalog.All.Count, "the same name again replaces, never adds");
    }

    [Fact]
    public void With_a_built_in_name_replaces_that_scheme_where_it_stood()
    {
        var replacement = new WebhookSchemeDescriptor(static options => new StripeSignature(options), "Stripe (ours)", "Stripe, as this application configures it.");

        var catalog = WebhookSchemeCatalog.BuiltIn.With(replacement);

        catalog.All.Select(s => s.Name).Should().Equal(WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name));
        catalog.Get(StripeSignature.SchemeName).Should().BeSameAs(replacement);
        catalog.All.ToList().IndexOf(replacement).Should().Be(WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name).ToList().IndexOf(StripeSignature.SchemeName));
        WebhookSchemeCatalog.BuiltIn.Get(StripeSignature.SchemeName).DisplayName.Should().Be("Stripe");
    }

    [Fact]
    public void A_custom_row_describes_its_scheme_from_the_scheme_itself()
    {
        var acme = AcmeRow();

        acme.Name.Should().Be("acme");
        acme.HeaderNames.Should().Equal(AcmeSignature.SignatureHeaderName);
        acme.SignsTimestamp.Should().BeTrue();
        acme.SignsRequestTarget.Should().BeFalse();
        acme.DefaultTolerance.Should().Be(WebhookSchemeOptions.DefaultTolerance);
        acme.TimestampUnit.Should().Be(WebhookTimestampUnit.Seconds);
        acme.CanSign.Should().BeTrue();
        acme.GenerateSecret().Should().NotBeNullOrEmpty();
        WebhookSchemeCatalog.BuiltIn.Get(LinearSignature.SchemeName).DefaultTolerance.Should().Be(LinearSignature.DefaultTolerance, "the window is read from the scheme");
        WebhookSchemeCatalog.BuiltIn.SupportsEd25519.Should().BeFalse();
    }

    [Fact]
    public void A_row_creates_its_scheme_with_the_options_given_and_the_senders_window_when_none_is_set()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var linear = WebhookSchemeCatalog.BuiltIn.Get(LinearSignature.SchemeName);

        linear.Create(new WebhookSchemeOptions { TimeProvider = clock }).Tolerance.Should().Be(LinearSignature.DefaultTolerance);
        linear.Create(new WebhookSchemeOptions { TimeProvider = clock, Tolerance = TimeSpan.FromSeconds(5) }).Tolerance.Should().Be(TimeSpan.FromSeconds(5));
        AcmeRow().Create(new WebhookSchemeOptions { TimeProvider = clock }).TimeProvider.Should().BeSameAs(clock);
    }

    private static WebhookSchemeDescriptor AcmeRow() =>
        new(static options => new AcmeSignature(options), "Acme", "Acme: X-Acme-Signature: ts=<s>;mac=<base64 HMAC-SHA256 of <ts>.<body>>.")
        {
            TimestampUnit = WebhookTimestampUnit.Seconds,
        };
}
