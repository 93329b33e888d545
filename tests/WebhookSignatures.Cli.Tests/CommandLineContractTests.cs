namespace WebhookSignatures.Cli.Tests;

/// <summary>The parts of the command line that scripts rely on: exit code 2 for usage errors, help with examples.</summary>
public sealed class CommandLineContractTests
{
    [Theory]
    [InlineData("verify", "--scheme", "nope", "--body-file", "-")]
    [InlineData("verify", "--scheme", "github")]
    [InlineData("verify", "--scheme", "github", "--body-file", "-", "--header", "no colon here")]
    [InlineData("verify", "--scheme", "github", "--body-file", "/nonexistent/dir/body.json")]
    [InlineData("verify", "--scheme", "github", "--body-file", "-", "--secret-env", "UNSET_VARIABLE")]
    [InlineData("verify", "--scheme", "github", "--body-file", "-", "--tolerance", "-5")]
    [InlineData("verify", "--scheme", "github", "--body-file", "-", "--unknown-flag")]
    [InlineData("frobnicate")]
    [InlineData]
    public async Task A_usage_error_exits_2_with_a_message_on_standard_error(params string[] args)
    {
        var outcome = await CliHarness.RunAsync(args, "{}"u8.ToArray());

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().StartWith("error: ");
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("sign")]
    [InlineData("send")]
    [InlineData("listen")]
    [InlineData("replay")]
    [InlineData("demo")]
    [InlineData("secret")]
    public async Task Every_command_has_help_with_an_example(string command)
    {
        var outcome = await CliHarness.RunAsync([command, "--help"]);

        outcome.ExitCode.Should().Be(0);
        outcome.Out.Should().Contain("Example:").And.Contain($"webhooksig {command}");
    }
}
