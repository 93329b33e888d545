namespace WebhookSignatures.Cli.Tests;

public sealed class SchemeOptionTests
{
    [Fact]
    public void The_tool_accepts_the_schemes_that_sign_in_the_catalogs_order()
    {
        // The names users type, in the order help lists them: part of the tool's contract.
        ToolCatalog.Schemes.AcceptedNames().Should().Equal(
            "infisical", "snyk", "github", "standard-webhooks", "discord", "stripe", "infisical-alerts", "slack", "zoom", "twitch", "paddle",
            "twilio", "hubspot", "square", "shopify", "linear", "gitlab");
    }

    [Fact]
    public void The_verify_only_legacy_scheme_is_not_offered_by_the_tool()
    {
        ToolCatalog.Schemes.TryGet("github-sha1", out var legacy).Should().BeTrue();
        legacy!.CanSign.Should().BeFalse();
        ToolCatalog.Schemes.AcceptedNames().Should().NotContain(legacy.Name);
    }
}
