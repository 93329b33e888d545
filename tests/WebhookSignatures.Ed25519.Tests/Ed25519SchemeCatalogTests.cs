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
}
