using System.Net;
using System.Net.Sockets;
using WebhookSignatures.Cli.Recording;
using WebhookSignatures.Tests.Sending;
using WebhookSignatures.Tests.Sending.Guard;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>send</c> and <c>replay</c> go only to public addresses, with <c>--allow-http</c> (alias <c>--allow-loopback</c>)
/// as development mode, <c>--allow-address</c> as the allow-list and <c>--proxy</c> as the only proxy. Names that
/// resolve elsewhere than loopback are answered by a scripted resolver, and connections go through a connect step
/// that opens nothing but loopback.
/// </summary>
public sealed class SendGuardTests
{
    private const string Secret = "send-guard-secret-0123456789";

    [Theory]
    [InlineData("https://127.0.0.1:{0}/hooks", "Refused to connect to 127.0.0.1 (loopback:")]
    [InlineData("https://localhost:{0}/hooks", "for localhost (loopback:")]
    public async Task Send_refuses_a_loopback_receiver_without_development_mode_before_connecting(string url, string message)
    {
        await using var receiver = LoopbackReceiver.Accepting();

        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", string.Format(System.Globalization.CultureInfo.InvariantCulture, url, receiver.Url.Port), "--secret", Secret]);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain(message).And.Contain("--allow-http").And.NotContain("AllowHttpToLoopback");
        receiver.Connections.Should().Be(0);
    }

    [Theory]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("10.0.0.7", "private-use")]
    [InlineData("100.100.100.200", "shared-address-space")]
    [InlineData("fd00:ec2::254", "unique-local")]
    [InlineData("::ffff:192.168.1.1", "private-use")]
    public async Task Send_and_replay_refuse_a_name_that_resolves_to_an_internal_address(string address, string rule)
    {
        var connector = new LoopbackOnlyConnector();
        var resolver = new ScriptedResolver().Always("hooks.customer.test", address);
        using var recorded = RecordedFile();

        var sent = await CliHarness.RunAsync(
            ["send", "--scheme", "github", "--url", "https://hooks.customer.test/in?token=hunter2", "--secret", Secret],
            resolveHost: resolver.ResolveAsync,
            connect: connector.ConnectAsync);
        var replayed = await CliHarness.RunAsync(
            ["replay", recorded.Path, "--to", "https://hooks.customer.test/in"],
            resolveHost: resolver.ResolveAsync,
            connect: connector.ConnectAsync);

        foreach (var outcome in new[] { sent, replayed })
        {
            outcome.ExitCode.Should().Be(2, outcome.All);
            outcome.Error.Should().Contain($"for hooks.customer.test ({rule}:").And.Contain("--allow-address").And.NotContain("hunter2");
        }

        resolver.Lookups.Should().Equal("hooks.customer.test", "hooks.customer.test");
        connector.Calls.Should().BeEmpty();
        connector.Strays.Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[::ffff:a9fe:a9fe]/", "link-local")]
    [InlineData("https://0x0a000001/", "private-use")]
    [InlineData("https://[64:ff9b::a00:1]/", "private-use")]
    public async Task Send_refuses_an_internal_address_written_in_the_URL_without_a_lookup(string url, string rule)
    {
        var connector = new LoopbackOnlyConnector();
        var resolver = new ScriptedResolver();

        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", url, "--secret", Secret], resolveHost: resolver.ResolveAsync, connect: connector.ConnectAsync);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain($"({rule}:");
        resolver.Lookups.Should().BeEmpty();
        connector.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Allow_address_lets_a_known_internal_receiver_through_and_nothing_else()
    {
        await using var closing = new ClosingListener();
        var connector = new LoopbackOnlyConnector();
        var resolver = new ScriptedResolver().Always("internal.test", "127.0.0.1").Always("other.test", "10.1.1.1");
        var url = $"https://internal.test:{closing.Port}/in";

        var refused = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", url, "--secret", Secret], resolveHost: resolver.ResolveAsync, connect: connector.ConnectAsync);
        var allowed = await CliHarness.RunAsync(
            ["send", "--scheme", "github", "--url", url, "--secret", Secret, "--allow-address", "127.0.0.0/8"],
            resolveHost: resolver.ResolveAsync,
            connect: connector.ConnectAsync);
        var other = await CliHarness.RunAsync(
            ["send", "--scheme", "github", "--url", $"https://other.test:{closing.Port}/in", "--secret", Secret, "--allow-address", "127.0.0.0/8"],
            resolveHost: resolver.ResolveAsync,
            connect: connector.ConnectAsync);

        refused.ExitCode.Should().Be(2, refused.All);
        refused.Error.Should().Contain("(loopback:");

        // Allowed, the delivery is connected (the listener closes the connection before TLS, so it then fails: exit 1).
        allowed.ExitCode.Should().Be(1, allowed.All);
        allowed.Out.Should().Contain("failed");
        closing.Connections.Should().BeGreaterThan(0);
        connector.Calls.Should().OnlyContain(call => call.SequenceEqual(new[] { IPAddress.Loopback }));

        other.ExitCode.Should().Be(2, other.All);
        other.Error.Should().Contain("(private-use:");
        connector.Strays.Should().BeEmpty();
    }

    [Fact]
    public async Task Allow_loopback_is_development_mode_under_another_name()
    {
        await using var receiver = LoopbackReceiver.Accepting();

        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", receiver.Url.ToString(), "--secret", Secret, "--allow-loopback"]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        receiver.Received.Should().ContainSingle();
    }

    [Theory]
    [InlineData("--allow-address", "10.0.0.0/33", "--allow-address")]
    [InlineData("--allow-address", "internal.example", "--allow-address")]
    [InlineData("--proxy", "ftp://127.0.0.1:3128", "--proxy")]
    [InlineData("--proxy", "http://user:pass@127.0.0.1:3128", "--proxy")]
    [InlineData("--proxy", "not a url", "--proxy")]
    public async Task A_guard_flag_that_does_not_parse_is_a_usage_error_naming_it(string flag, string value, string named)
    {
        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", "https://hooks.example.com/in", "--secret", Secret, flag, value]);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain(named).And.NotContain("pass@");
    }

    [Fact]
    public async Task An_explicit_proxy_carries_the_delivery_and_resolves_the_name_itself()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        var connector = new LoopbackOnlyConnector();
        var resolver = new ScriptedResolver();

        var outcome = await CliHarness.RunAsync(
            ["send", "--scheme", "github", "--url", "http://localhost:9/in", "--secret", Secret, "--allow-http", "--proxy", $"http://127.0.0.1:{proxy.Url.Port}"],
            resolveHost: resolver.ResolveAsync,
            connect: connector.ConnectAsync);

        outcome.ExitCode.Should().Be(0, outcome.All);
        proxy.Received.Should().ContainSingle().Which.Target.Should().Be("http://localhost:9/in");
        resolver.Lookups.Should().BeEmpty("the proxy resolves the receiver's name");
        connector.Calls.Should().ContainSingle().Which.Should().Equal(IPAddress.Loopback);
    }

    [Fact]
    public async Task The_tool_as_a_process_ignores_HTTPS_PROXY_HTTP_PROXY_and_ALL_PROXY()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Accepting();
        var environment = new Dictionary<string, string>
        {
            ["HTTP_PROXY"] = proxy.Url.GetLeftPart(UriPartial.Authority),
            ["HTTPS_PROXY"] = proxy.Url.GetLeftPart(UriPartial.Authority),
            ["ALL_PROXY"] = proxy.Url.GetLeftPart(UriPartial.Authority),
            ["http_proxy"] = proxy.Url.GetLeftPart(UriPartial.Authority),
            ["NO_PROXY"] = string.Empty,
            ["no_proxy"] = string.Empty,
        };

        var outcome = await ToolProcess.RunAsync(["send", "--scheme", "github", "--url", receiver.Url.ToString(), "--secret", Secret, "--allow-http"], environment: environment);

        outcome.ExitCode.Should().Be(0, outcome.All);
        receiver.Received.Should().ContainSingle();
        proxy.Connections.Should().Be(0, "a proxy from the environment would be checked instead of the receiver");
    }

    private static TempFile RecordedFile()
    {
        var delivery = new RecordedDelivery(
            RecordedDelivery.CurrentFormat,
            DateTimeOffset.FromUnixTimeMilliseconds(1_712_345_678_901),
            1_712_345_678_901,
            "POST",
            "https://hooks.customer.test/in",
            "github",
            204,
            "accepted",
            null,
            null,
            [new RecordedHeader("Content-Type", "application/json")],
            Convert.ToBase64String("{}"u8),
            false);
        return new TempFile(DeliveryFile.ToJsonBytes(delivery));
    }

    /// <summary>A loopback listener that counts connections and closes each at once.</summary>
    private sealed class ClosingListener : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _accepting;
        private int _connections;

        public ClosingListener()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            try
            {
                await _accepting;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopping the listener ends the loop.
            }
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _connections);
            }
        }
    }
}
