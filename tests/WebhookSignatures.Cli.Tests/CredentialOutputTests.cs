using System.Globalization;
using System.Net;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// A password or user name in a connection string or a URL is never printed: not in <c>listen</c>'s start-up line, its
/// failure line, <c>/healthz</c>, <c>send</c>'s line or a usage error, wherever it stands in the string.
/// </summary>
public sealed class CredentialOutputTests
{
    private const string Secret = "credential-output-secret-6a2f";
    private const string Password = "p4ss-SECRET-91d3";
    private const string User = "u5er-SECRET-5e70";

    [Fact]
    public async Task The_start_up_line_and_healthz_hide_the_redis_password()
    {
        await using var redis = await OwnRedis.StartAsync(Password);
        var address = $"127.0.0.1:{redis.Port}";
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--redis", $"{address},password={Password},abortConnect=false");
        using var client = new HttpClient();

        var health = await client.GetStringAsync(new Uri(listener.Url, "/healthz"));
        var log = await listener.StopAsync();

        log.Out.Should().Contain($"exactly-once in Redis at {address},password=***)");
        (log.All + health).Should().NotContain(Password);
        health.Should().Contain("Healthy", "the password was used, only not shown");
    }

    [Theory]
    [InlineData("127.0.0.1:{port},password=" + Password)]
    [InlineData("127.0.0.1:{port},user=" + User + ",password=" + Password)]
    [InlineData("127.0.0.1:{port}, PASSWORD = " + Password + ",ssl=false")]
    [InlineData("127.0.0.1:{port},password=abc," + Password + ",connectTimeout=500")]
    [InlineData("127.0.0.1:{port},password=abc,connectTimeout=" + Password)]
    [InlineData("127.0.0.1:{port},password=abc," + Password + "=1")]
    [InlineData("redis://" + User + ":" + Password + "@127.0.0.1:{port}")]
    public async Task The_failure_line_hides_the_redis_password_and_user_wherever_they_stand(string template)
    {
        var redis = template.Replace("{port}", FreePort().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var outcome = await ToolProcess.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--redis", redis]);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().StartWith("error: --redis ");
        outcome.All.Should().NotContain(Password).And.NotContain(User);
    }

    [Fact]
    public async Task A_forward_to_url_with_user_info_is_shown_without_it()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--forward-to", $"http://{User}:{Password}@127.0.0.1:{FreePort()}/app");
        var log = await listener.StopAsync();

        log.Out.Should().Contain("forwarding to http://***@127.0.0.1:");
        log.All.Should().NotContain(Password).And.NotContain(User);
    }

    [Theory]
    [InlineData("http://" + User + ":" + Password + "@127.0.0.1:{port}/hooks")]
    [InlineData("ftp://" + User + ":" + Password + "@127.0.0.1:{port}/hooks")]
    [InlineData("http://" + User + ":" + Password + "@hooks.example.com/hooks")]
    public async Task Send_never_prints_the_user_info_of_its_url(string template)
    {
        var url = template.Replace("{port}", FreePort().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var outcome = await ToolProcess.RunAsync(["send", "--scheme", "github", "--secret", Secret, "--url", url, "--allow-http"]);

        outcome.ExitCode.Should().BeOneOf(1, 2);
        outcome.All.Should().NotContain(Password).And.NotContain(User).And.Contain("***@");
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
