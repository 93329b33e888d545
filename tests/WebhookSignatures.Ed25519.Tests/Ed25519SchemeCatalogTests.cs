using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary><c>WithEd25519()</c>: the built-in catalog with Ed25519 where a sender uses it, and for schemes added later.</summary>
public sealed class Ed25519SchemeCatalogTests
{
    [Fact]
    public void It_holds_every_core_scheme_in_order_with_discord_after_standard_webhooks()
    {
        var expected = WebhookSchemeCatalog.BuiltIn.All.Select(s => s.Name).ToList();
        expected.Insert(expected.IndexOf(StandardWebhooksSignature.SchemeName) + 1, DiscordSignature.SchemeName);

        var catalog = WebhookSchemeCatalog.BuiltIn.WithEd25519();

        catalog.All.Select(s => s.Name).Should().Equal(expected);
        catalog.SupportsEd25519.Should().BeTrue();
        WebhookSchemeCatalog.BuiltIn.SupportsEd25519.Should().BeFalse("a catalog never changes: WithEd25519 makes a new one");
        WebhookSchemeCatalog.BuiltIn.TryGet(DiscordSignature.SchemeName, out _).Should().BeFalse();
        catalog.Get("stripe").DisplayName.Should().Be(WebhookSchemeCatalog.BuiltIn.Get("stripe").DisplayName);
        catalog.WithEd25519().All.Select(s => s.Name).Should().Equal(expected, "Discord is added once");
    }

    [Fact]
    public void Its_standard_webhooks_reads_public_keys_and_the_cores_refuses_them()
    {
        var key = TestEd25519Keys.Rfc1.Whpk;

        using var ring = Catalogs.WithEd25519.Get(StandardWebhooksSignature.SchemeName).Create(new WebhookSchemeOptions { Tolerance = TimeSpan.FromMinutes(1) }).CreateKeyRing([key]);
        ring.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PublicKey);
        var core = () => WebhookSchemeCatalog.BuiltIn.Get(StandardWebhooksSignature.SchemeName).Default.CreateKeyRing([key]);
        core.Should().Throw<ArgumentException>();
        Catalogs.WithEd25519.Get(StandardWebhooksSignature.SchemeName).Default.CreateKeyRing([key]).Dispose();
    }

    [Fact]
    public void A_scheme_added_before_or_after_is_ed25519_capable_too()
    {
        // A custom row of the core's Standard Webhooks scheme, under another name: the catalog gives it the primitive.
        var row = new WebhookSchemeDescriptor(static options => new RenamedStandardWebhooks(options), "Ours", "Standard Webhooks under another name.");

        var after = WebhookSchemeCatalog.BuiltIn.WithEd25519().With(row);
        var before = WebhookSchemeCatalog.BuiltIn.With(row).WithEd25519();

        foreach (var catalog in new[] { after, before })
        {
            catalog.All[^1].Name.Should().Be("ours");
            var create = () => catalog.Get("ours").Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider() }).CreateKeyRing([TestEd25519Keys.Rfc1.Whpk]).Dispose();
            create.Should().NotThrow("the catalog's schemes verify Ed25519, the added one included");
        }

        var plain = () => WebhookSchemeCatalog.BuiltIn.With(row).Get("ours").Default.CreateKeyRing([TestEd25519Keys.Rfc1.Whpk]);
        plain.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_scheme_with_a_built_in_name_replaces_it_in_place_and_keeps_ed25519()
    {
        var replacement = new WebhookSchemeDescriptor(static options => new GitHubSignature(options), "GitHub (ours)", "GitHub, as this application configures it.");

        var catalog = Catalogs.WithEd25519.With(replacement);

        catalog.All.Select(s => s.Name).Should().Equal(Catalogs.WithEd25519.All.Select(s => s.Name));
        catalog.Get(GitHubSignature.SchemeName).DisplayName.Should().Be("GitHub (ours)");
        catalog.SupportsEd25519.Should().BeTrue();
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones_discord_included()
    {
        var get = () => Catalogs.WithEd25519.Get("nope");

        get.Should().Throw<ArgumentException>().WithMessage("*discord*");
        Catalogs.WithEd25519.Get(DiscordSignature.SchemeName).GenerateSecret().Should().MatchRegex("^[0-9a-f]{128}$");
    }

    /// <summary>Standard Webhooks under the name <c>ours</c>, as an application might register a sender of its own.</summary>
    private sealed class RenamedStandardWebhooks(WebhookSchemeOptions? options) : WebhookScheme("ours", options)
    {
        private readonly StandardWebhooksSignature _inner = new(options);

        public override IReadOnlyList<string> HeaderNames => _inner.HeaderNames;

        public override bool SignsTimestamp => true;

        public override KeyRing CreateKeyRing(IEnumerable<string> secrets) => _inner.CreateKeyRing(secrets);

        protected override void VerifyCore(ref WebhookVerificationContext context) => throw new NotSupportedException();

        protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) => throw new NotSupportedException();
    }

    [Fact]
    public void Only_the_Ed25519_schemes_make_key_pairs_and_their_halves_belong_together()
    {
        var catalog = WebhookSchemeCatalog.BuiltIn.WithEd25519();
        catalog.All.Where(s => s.CanGenerateKeyPair).Select(s => s.Name)
            .Should().Equal(StandardWebhooksSignature.SchemeName, DiscordSignature.SchemeName);
        var core = () => WebhookSchemeCatalog.BuiltIn.Get(StandardWebhooksSignature.SchemeName).GenerateKeyPair();
        core.Should().Throw<NotSupportedException>().WithMessage("*shared secrets*");

        foreach (var name in new[] { StandardWebhooksSignature.SchemeName, DiscordSignature.SchemeName })
        {
            var scheme = catalog.Get(name).Default;
            var pair = catalog.Get(name).GenerateKeyPair();
            using var signing = scheme.CreateKeyRing([pair.PrivateKey]);
            using var verifying = scheme.CreateKeyRing([pair.PublicKey]);
            using var other = scheme.CreateKeyRing([catalog.Get(name).GenerateKeyPair().PublicKey]);
            var signed = scheme.Sign("""{"type":2,"id":"1"}"""u8, signing);

            signing.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PrivateKey);
            verifying.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PublicKey);
            scheme.Verify(new WebhookDelivery(signed.Headers, signed.Body.Span), verifying).IsValid.Should().BeTrue(name);
            scheme.Verify(new WebhookDelivery(signed.Headers, signed.Body.Span), other).IsValid.Should().BeFalse(name);
            pair.ToString().Should().Contain(pair.PublicKey).And.NotContain(pair.PrivateKey);
        }
    }
}
