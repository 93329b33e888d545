namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// Options that take a pattern, an address, a URL or a number: whatever is given, a mistake is a usage error (exit 2)
/// naming the option, never an unhandled exception with a stack trace, and never a receiver started on something
/// other than what was asked.
/// </summary>
public sealed class ListenUsageTests
{
    private const string Secret = "listen-usage-secret-2f7b1d";

    [Theory]
    [InlineData("/a{")]
    [InlineData("/a}")]
    [InlineData("/{id}")]
    [InlineData("/{x:nosuch}")]
    [InlineData("/{x:regex(()}")]
    [InlineData("/{*rest}/y")]
    [InlineData("/a?b")]
    [InlineData("/a#b")]
    [InlineData("/a b")]
    [InlineData("/a\tb")]
    [InlineData("/a%2Fb")]
    [InlineData("/a//b")]
    [InlineData("/a\\b")]
    [InlineData("hooks")]
    public async Task An_unusable_path_is_a_usage_error(string path)
    {
        var outcome = await RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--path", path]);

        ExpectUsageError(outcome, "--path");
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("http://127.0.0.1:abc")]
    [InlineData("http://[::1")]
    [InlineData("")]
    [InlineData(";")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1:0")]
    [InlineData("http://127.0.0.1:0/base")]
    [InlineData("http://127.0.0.1:0?x=1")]
    [InlineData("http://127.0.0.1:0;nonsense")]
    public async Task An_unusable_listen_address_is_a_usage_error(string urls)
    {
        var outcome = await RunAsync(["listen", "--urls", urls, "--scheme", "github", "--secret", Secret]);

        ExpectUsageError(outcome, "--urls");
    }

    [Theory]
    [InlineData("listen", "1e-300")]
    [InlineData("listen", "100000")]
    [InlineData("listen", "NaN")]
    [InlineData("verify", "1e-300")]
    [InlineData("verify", "-1")]
    public async Task A_tolerance_the_receiver_cannot_use_is_a_usage_error(string command, string seconds)
    {
        string[] args = command == "listen"
            ? ["listen", "--urls", "http://127.0.0.1:0", "--scheme", "stripe", "--secret", Secret, "--tolerance", seconds]
            : ["verify", "--scheme", "stripe", "--secret", Secret, "--header", "Stripe-Signature: t=1,v1=00", "--body-file", "-", "--tolerance", seconds];

        var outcome = await RunAsync(args);

        ExpectUsageError(outcome, "--tolerance");
    }

    [Theory]
    [InlineData("http://127.0.0.1:0/hooks")]
    [InlineData("http://127.0.0.1:abc/hooks")]
    public async Task A_forward_address_that_can_never_be_reached_is_a_usage_error(string target)
    {
        var outcome = await RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--forward-to", target]);

        ExpectUsageError(outcome, "--forward-to");
    }

    [Theory]
    [InlineData("127.0.0.1:16392,connectTimeout=abc")]
    [InlineData("127.0.0.1:16392,syncTimeout=-")]
    public async Task A_redis_configuration_the_client_refuses_is_a_usage_error(string redis)
    {
        var outcome = await RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis", redis]);

        ExpectUsageError(outcome, "--redis");
    }

    [Theory]
    [InlineData("--redis-replicas", "-1")]
    [InlineData("--redis-replicas", "17")]
    [InlineData("--redis-replication-wait", "0")]
    [InlineData("--redis-durability", "forever")]
    [InlineData("--redis-durability", "survives-failover")]
    public async Task A_redis_durability_option_the_store_cannot_use_is_a_usage_error(string option, string value)
    {
        var outcome = await RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis", "127.0.0.1:16392", option, value]);

        ExpectUsageError(outcome, option);
    }

    [Fact]
    public async Task Redis_durability_options_without_redis_are_a_usage_error()
    {
        var outcome = await RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis-replicas", "1"]);

        ExpectUsageError(outcome, "--redis-replicas");
    }

    /// <summary>Runs the tool; a listener that starts anyway is stopped at once, and its start-up line fails the test.</summary>
    private static async Task<CliOutcome> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        return await CliHarness.RunAsync(args, listenerStarted: _ => stop.Cancel(), cancellationToken: stop.Token);
    }

    private static void ExpectUsageError(CliOutcome outcome, string option)
    {
        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().StartWith("error: ").And.Contain(option);
        outcome.All.Should().NotContain("Unhandled").And.NotContain("   at ").And.NotContain("listening on");
    }
}
