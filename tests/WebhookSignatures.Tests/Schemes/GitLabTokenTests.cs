using WebhookSignatures.Schemes.GitLab;

namespace WebhookSignatures.Tests.Schemes;

public sealed class GitLabTokenTests
{
    private const string Token = "glwht-token-0123456789abcdef";
    private static readonly byte[] Body = """{"object_kind":"push"}"""u8.ToArray();

    [Theory]
    [InlineData("glwht-token-0123456789abcdeX")]
    [InlineData("glwht-token-0123456789abcdef0")]
    [InlineData("g")]
    [InlineData("glwht-token-0123456789abcdef glwht-token-0123456789abcdef")]
    public void Any_other_token_of_any_length_is_a_mismatch(string received)
    {
        using var keys = KeyRing.FromSecrets(Token);

        GitLabToken.Default.VerifySignatureHeader(received, Body, keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Fact]
    public void Signing_sends_the_current_token_and_a_match_reports_no_token_material()
    {
        using var keys = KeyRing.FromSecrets(Token, "an-older-token-0123456789");
        var signed = GitLabToken.Default.Sign(Body, keys);

        signed.Headers.GetValue(GitLabToken.TokenHeaderName).Should().Be(Token);
        var result = GitLabToken.Default.Verify(new(signed.Headers, Body), keys, WebhookReadParts.All);
        result.IsValid.Should().BeTrue();
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(default, Body), "the token covers nothing: the body is all there is");
        result.Identity.ToString().Should().NotContain(WebhookHmac.ToHex(System.Text.Encoding.UTF8.GetBytes(Token)));
        result.ToString().Should().NotContain(Token);
    }

    [Fact]
    public void The_token_does_not_cover_the_body_so_a_changed_body_still_passes()
    {
        // What GitLabToken's documentation warns of: the token proves only that the sender knows it.
        using var keys = KeyRing.FromSecrets(Token);
        var headers = new WebhookHeaders { { GitLabToken.TokenHeaderName, Token } };

        GitLabToken.Default.Verify(new(headers, """{"object_kind":"anything"}"""u8), keys).IsValid.Should().BeTrue();
        GitLabToken.Default.Verify(new(headers, Body), keys, WebhookReadParts.Identity).Identity
            .Should().NotBe(GitLabToken.Default.Verify(new(headers, """{"x":1}"""u8), keys, WebhookReadParts.Identity).Identity);
    }

    [Fact]
    public void The_event_and_ids_come_from_GitLabs_unsigned_headers()
    {
        using var keys = KeyRing.FromSecrets(Token);
        var both = new WebhookHeaders
        {
            { GitLabToken.TokenHeaderName, Token }, { GitLabToken.EventHeaderName, "Push Hook" }, { GitLabToken.EventIdHeaderName, "e-1" }, { GitLabToken.WebhookIdHeaderName, "w-1" },
        };
        var webhookOnly = new WebhookHeaders { { GitLabToken.TokenHeaderName, Token }, { GitLabToken.WebhookIdHeaderName, "w-1" } };

        GitLabToken.Default.Verify(new(both, Body), keys, WebhookReadParts.Description).Description.Should().Be(new WebhookDeliveryDescription("Push Hook", false, "e-1", false));
        GitLabToken.Default.Verify(new(webhookOnly, Body), keys, WebhookReadParts.Description).Description.Should().Be(new WebhookDeliveryDescription(null, false, "w-1", false));
    }
}
