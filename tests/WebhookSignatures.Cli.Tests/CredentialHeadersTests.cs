using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Tests;

/// <summary>Credentials beside a signature are shown as present, never by value, even when they are not a configured secret.</summary>
public sealed class CredentialHeadersTests
{
    [Theory]
    [InlineData("Authorization", "Bearer abc")]
    [InlineData("cookie", "session=abc")]
    [InlineData("X-Gitlab-Token", "another-projects-token")]
    [InlineData("x-gitlab-token", "an-older-token")]
    public void A_credential_is_hidden_whatever_its_value(string name, string value) =>
        CredentialHeaders.Show(name, value, ["the-configured-secret-0123456789"]).Should().Be(CredentialHeaders.HiddenValue);

    [Fact]
    public void Another_header_is_shown_with_configured_secrets_replaced()
    {
        var shown = CredentialHeaders.Show("X-Note", "contains the-configured-secret-0123456789 here", ["the-configured-secret-0123456789"]);

        shown.Should().NotContain("the-configured-secret-0123456789").And.StartWith("contains ");
    }
}
