using WebhookSignatures.Models.Snyk;

namespace WebhookSignatures.Tests.Models;

/// <summary>X-Snyk-Event splits into a name to match on and a version kept as data.</summary>
public sealed class SnykEventHeaderTests
{
    [Theory]
    [InlineData("project_snapshot/v0", "project_snapshot", "v0")]
    [InlineData("ping/v0", "ping", "v0")]
    [InlineData("ping/v1", "ping", "v1")]
    [InlineData("ping", "ping", null)]
    [InlineData(" ping / v2 ", "ping", "v2")]
    [InlineData("ping/", "ping", null)]
    [InlineData("a/b/v3", "a/b", "v3")]
    public void A_header_value_splits_at_its_last_slash(string value, string name, string? version)
    {
        SnykEventHeader.TryParse(value, out var header).Should().BeTrue();

        header.Name.Should().Be(name);
        header.Version.Should().Be(version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("/v0")]
    public void A_missing_or_nameless_header_does_not_parse(string? value)
    {
        SnykEventHeader.TryParse(value, out var header).Should().BeFalse();
        header.Should().Be(default(SnykEventHeader));
    }

    [Theory]
    [InlineData("project_snapshot", "v0", "project_snapshot/v0")]
    [InlineData("ping", null, "ping")]
    public void Formatting_gives_back_the_header_value(string name, string? version, string expected)
    {
        new SnykEventHeader(name, version).ToString().Should().Be(expected);
    }
}
