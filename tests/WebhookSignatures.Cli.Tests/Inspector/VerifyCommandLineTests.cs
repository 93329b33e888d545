using WebhookSignatures.Cli.Inspector;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>The inspector's verify command gives what each scheme verifies with, and never a secret.</summary>
public sealed class VerifyCommandLineTests
{
    private static readonly DateTimeOffset ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_712_345_678_901);
    private static readonly WebhookRequestTarget Target = WebhookRequestTarget.Post(new Uri("http://127.0.0.1:5080/hooks/in?tenant=acme"));

    [Theory]
    [InlineData("twilio")]
    [InlineData("hubspot")]
    [InlineData("square")]
    public void A_request_signing_scheme_gets_the_url_and_method_it_arrived_on(string scheme)
    {
        var command = VerifyCommandLine.Create(ToolCatalog.Schemes, scheme, [new("X-Signature", "abc")], "{}"u8.ToArray(), ReceivedAt, Target, []);

        command.Should().Contain("--url 'http://127.0.0.1:5080/hooks/in?tenant=acme' --method POST");
    }

    [Theory]
    [InlineData("github")]
    [InlineData("stripe")]
    [InlineData("slack")]
    public void Another_scheme_gets_no_url(string scheme)
    {
        var command = VerifyCommandLine.Create(ToolCatalog.Schemes, scheme, [new("X-Signature", "abc")], "{}"u8.ToArray(), ReceivedAt, Target, []);

        command.Should().NotContain("--url").And.NotContain("--method");
    }

    [Fact]
    public void A_gitlab_token_is_written_as_the_secret_variable_never_as_its_value()
    {
        const string Token = "gitlab-token-never-printed-5c1e";

        var command = VerifyCommandLine.Create(ToolCatalog.Schemes, "gitlab", [new("X-Gitlab-Token", Token), new("X-Gitlab-Event", "Push Hook")], "{}"u8.ToArray(), ReceivedAt, Target, [Token]);

        command.Should().Contain("--header \"X-Gitlab-Token: ${WEBHOOK_SECRET}\"").And.NotContain(Token);
    }
}
