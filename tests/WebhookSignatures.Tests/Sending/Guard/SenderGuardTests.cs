using System.Net;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// The guard on every sending path of the core package: <see cref="WebhookSender.Create"/>'s own handler, a handler
/// given to it, and a <see cref="WebhookSigningHandler"/> in a client built by hand. Only loopback listeners are used;
/// each refusal is checked to have happened before any connection reached them.
/// </summary>
public sealed class SenderGuardTests
{
    private const string Secret = "guard-secret-0123456789abcdef";
    private static readonly byte[] Body = """{"zen":"Approachable is better than simple."}"""u8.ToArray();

    [Fact]
    public async Task The_senders_own_handler_refuses_a_loopback_address_in_the_URL_before_connecting()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys });

        var send = () => sender.SendAsync(new Uri($"https://127.0.0.1:{receiver.Url.Port}/hooks"), Body);

        var refused = (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which;
        refused.Rule.Should().Be("loopback");
        refused.Message.Should().Contain("AllowHttpToLoopback");
        receiver.Connections.Should().Be(0);
    }

    [Fact]
    public async Task The_senders_own_handler_refuses_a_name_that_resolves_to_loopback_before_connecting()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys });

        var send = () => sender.SendAsync(new Uri($"https://localhost:{receiver.Url.Port}/hooks"), Body);

        var refused = (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which;
        refused.Rule.Should().Be("loopback");
        refused.Message.Should().Contain("for localhost");
        receiver.Connections.Should().Be(0);
    }

    [Fact]
    public async Task Development_mode_lets_the_sender_connect_to_loopback_over_https_too()
    {
        // The control for the two refusals above: with development mode the same URL is connected to. The TLS
        // handshake then waits on this plain HTTP listener, so the delivery is cancelled once the connection arrived.
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true });
        using var cancel = new CancellationTokenSource();

        var sending = sender.SendAsync(new Uri($"https://localhost:{receiver.Url.Port}/hooks"), Body, cancellationToken: cancel.Token);
        await Polling.UntilAsync(() => receiver.Connections > 0 || sending.IsCompleted);
        await cancel.CancelAsync();

        receiver.Connections.Should().BeGreaterThan(0);
        var outcome = () => sending;
        (await outcome.Should().ThrowAsync<Exception>()).Which.Should().NotBeOfType<WebhookAddressRefusedException>();
    }

    [Fact]
    public async Task A_SocketsHttpHandler_given_to_the_sender_gets_the_guard()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
#pragma warning disable CA2000 // The sender owns the handler.
        var given = new SocketsHttpHandler();
#pragma warning restore CA2000
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys }, given);

        var send = () => sender.SendAsync(new Uri($"https://localhost:{receiver.Url.Port}/hooks"), Body);

        (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("loopback");
        WebhookAddressGuard.IsInstalled(given).Should().BeTrue();
        given.UseProxy.Should().BeFalse();
        receiver.Connections.Should().Be(0);
    }

    [Fact]
    public async Task A_signing_handler_built_by_hand_guards_the_SocketsHttpHandler_below_it_on_its_first_request()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        using var sockets = new SocketsHttpHandler();
        using var client = new HttpClient(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys }) { InnerHandler = sockets }, disposeHandler: false);

        var send = () => client.PostAsync(new Uri($"https://localhost:{receiver.Url.Port}/hooks"), new ByteArrayContent(Body));

        (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("loopback");
        WebhookAddressGuard.IsInstalled(sockets).Should().BeTrue();
        receiver.Connections.Should().Be(0);
    }

    [Fact]
    public void An_HttpClientHandler_given_to_the_sender_is_refused_because_it_cannot_be_guarded()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        using var given = new HttpClientHandler();

        var create = () => WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true }, given);

        create.Should().Throw<InvalidOperationException>().WithMessage("*HttpClientHandler*cannot check the address*SocketsHttpHandler*");
    }

    [Fact]
    public async Task A_signing_handler_over_an_HttpClientHandler_sends_nothing()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        using var client = new HttpClient(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true })
        {
            InnerHandler = new HttpClientHandler(),
        });

        var send = () => client.PostAsync(receiver.Url, new ByteArrayContent(Body));

        await send.Should().ThrowAsync<InvalidOperationException>().WithMessage("*HttpClientHandler*");
        (await send.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("HttpClientHandler", "it keeps refusing");
        receiver.Connections.Should().Be(0);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[::ffff:10.0.0.1]/in", "private-use")]
    [InlineData("https://2130706433/in", "loopback")]
    public async Task An_internal_address_in_the_URL_is_refused_even_for_a_transport_of_the_callers_own(string url, string rule)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var recorder = new RecordingHandler();
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys }, recorder);

        var send = () => sender.SendAsync(new Uri(url), Body);

        (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be(rule);
        recorder.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task With_a_configured_proxy_an_internal_address_in_the_URL_is_still_refused_and_the_proxy_is_not_contacted()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        var options = new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys };
        options.AddressGuard.Proxy = new WebProxy(new Uri($"http://127.0.0.1:{proxy.Url.Port}"));
        using var sender = WebhookSender.Create(options);

        var send = () => sender.SendAsync(new Uri("https://10.0.0.1/in"), Body);

        (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("private-use");
        proxy.Connections.Should().Be(0);
    }

    [Theory]
    [InlineData(3, 0, HttpVersionPolicy.RequestVersionExact)]
    [InlineData(3, 0, HttpVersionPolicy.RequestVersionOrLower)]
    [InlineData(2, 0, HttpVersionPolicy.RequestVersionOrHigher)]
    [InlineData(1, 1, HttpVersionPolicy.RequestVersionOrHigher)]
    public async Task A_request_is_kept_off_HTTP3_whose_connections_bypass_the_guard(int major, int minor, HttpVersionPolicy policy)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var versions = new VersionRecorder();
        using var invoker = new HttpMessageInvoker(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys }) { InnerHandler = versions });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://hooks.example.com/in")
        {
            Content = new ByteArrayContent(Body),
            Version = new Version(major, minor),
            VersionPolicy = policy,
        };

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        var (version, sentPolicy) = versions.Sent.Should().ContainSingle().Subject;
        version.Major.Should().BeLessThan(3);
        sentPolicy.Should().NotBe(HttpVersionPolicy.RequestVersionOrHigher);
    }

    private sealed class VersionRecorder : HttpMessageHandler
    {
        public List<(Version Version, HttpVersionPolicy Policy)> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add((request.Version, request.VersionPolicy));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
