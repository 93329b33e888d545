using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Ed25519.Tests;

public sealed class Ed25519SchemeCatalogTests
{
    [Fact]
    public void It_holds_every_core_scheme_in_order_with_discord_after_standard_webhooks()
    {
        var expected = WebhookSchemeCatalog.All.Select(s => s.Name).ToList();
        expected.Insert(expected.IndexOf(StandardWebhooksSignature.SchemeName) + 1, DiscordSignature.SchemeName);

        Ed25519SchemeCatalog.All.Select(s => s.Name).Should().Equal(expected);
        Ed25519SchemeCatalog.Get("stripe").Should().BeSameAs(WebhookSchemeCatalog.Get("stripe"), "HMAC rows are the core's own");
    }

    [Fact]
    public void Its_standard_webhooks_reads_public_keys_and_the_cores_refuses_them()
    {
        var key = TestEd25519Keys.Rfc1.Whpk;

        using var ring = Ed25519SchemeCatalog.Get(StandardWebhooksSignature.SchemeName).Create(new WebhookSchemeOptions { Tolerance = TimeSpan.FromMinutes(1) }).CreateKeyRing([key]);
        ring.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PublicKey);
        var core = () => WebhookSchemeCatalog.Get(StandardWebhooksSignature.SchemeName).Default.CreateKeyRing([key]);
        core.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones_discord_included()
    {
        var get = () => Ed25519SchemeCatalog.Get("nope");

        get.Should().Throw<ArgumentException>().WithMessage("*discord*");
        Ed25519SchemeCatalog.Get(DiscordSignature.SchemeName).GenerateSecret().Should().MatchRegex("^[0-9a-f]{128}$");
    }

    [Fact]
    public void Only_the_Ed25519_schemes_make_key_pairs_and_their_halves_belong_together()
    {
        Ed25519SchemeCatalog.All.Where(s => s.CanGenerateKeyPair).Select(s => s.Name)
            .Should().Equal(StandardWebhooksSignature.SchemeName, DiscordSignature.SchemeName);
        var core = () => WebhookSchemeCatalog.Get(StandardWebhooksSignature.SchemeName).GenerateKeyPair();
        core.Should().Throw<NotSupportedException>().WithMessage("*shared secrets*");

        foreach (var name in new[] { StandardWebhooksSignature.SchemeName, DiscordSignature.SchemeName })
        {
            var scheme = Ed25519SchemeCatalog.Get(name).Default;
            var pair = Ed25519SchemeCatalog.Get(name).GenerateKeyPair();
            using var signing = scheme.CreateKeyRing([pair.PrivateKey]);
            using var verifying = scheme.CreateKeyRing([pair.PublicKey]);
            using var other = scheme.CreateKeyRing([Ed25519SchemeCatalog.Get(name).GenerateKeyPair().PublicKey]);
            var signed = scheme.Sign("""{"type":2,"id":"1"}"""u8, signing);

            signing.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PrivateKey);
            verifying.GetKind(0).Should().Be(WebhookKeyKind.Ed25519PublicKey);
            scheme.Verify(signed.Headers, signed.Body.Span, verifying).IsValid.Should().BeTrue(name);
            scheme.Verify(signed.Headers, signed.Body.Span, other).IsValid.Should().BeFalse(name);
            pair.ToString().Should().Contain(pair.PublicKey).And.NotContain(pair.PrivateKey);
        }
    }
}
