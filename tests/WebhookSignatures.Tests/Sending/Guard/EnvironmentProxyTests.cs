using System.Net;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// A proxy from the environment would make the guard check the proxy's address instead of the receiver's. The
/// environment's proxy reaches a handler through <see cref="HttpClient.DefaultProxy"/> (read from <c>HTTPS_PROXY</c>,
/// <c>HTTP_PROXY</c> and <c>ALL_PROXY</c> once per process), so these tests set it to a loopback "proxy" that answers
/// anything, and show that an ordinary handler goes there while a guarded one never does. They change a process-wide
/// setting, so they run alone. (The tool's tests set the variables themselves, on a process of their own.)
/// </summary>
[Collection(nameof(EnvironmentProxyTests))]
[CollectionDefinition(nameof(EnvironmentProxyTests), DisableParallelization = true)]
public sealed class EnvironmentProxyTests
{
    private static readonly byte[] Body = """{"zen":"Mind your words, they are important."}"""u8.ToArray();

    [Fact]
    public async Task An_ordinary_handler_follows_the_environments_proxy()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Accepting();
        using var _ = EnvironmentProxy.Set(proxy.Url);
        using var client = new HttpClient(new SocketsHttpHandler());

        (await client.PostAsync(receiver.Url, new ByteArrayContent(Body))).Dispose();

        proxy.Received.Should().ContainSingle("without the guard, the environment's proxy carries the request");
        receiver.Connections.Should().Be(0);
    }

    [Fact]
    public async Task The_senders_own_handler_never_uses_the_environments_proxy()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Accepting();
        using var _ = EnvironmentProxy.Set(proxy.Url);
        using var keys = KeyRing.FromSecrets("environment-proxy-secret-0123");
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true });

        using var response = await sender.SendAsync(receiver.Url, Body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        receiver.Received.Should().ContainSingle();
        proxy.Connections.Should().Be(0);
    }

    [Fact]
    public async Task A_handler_given_to_the_sender_stops_using_the_environments_proxy()
    {
        await using var proxy = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Accepting();
        using var _ = EnvironmentProxy.Set(proxy.Url);
        using var keys = KeyRing.FromSecrets("environment-proxy-secret-0123");
#pragma warning disable CA2000 // The sender owns the handler.
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true }, new SocketsHttpHandler());
#pragma warning restore CA2000

        using var response = await sender.SendAsync(receiver.Url, Body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        proxy.Connections.Should().Be(0);
    }

    /// <summary>Sets <see cref="HttpClient.DefaultProxy"/> as the environment's variables would, and puts it back.</summary>
    private sealed class EnvironmentProxy : IDisposable
    {
        private readonly IWebProxy _before = HttpClient.DefaultProxy;

        private EnvironmentProxy(Uri proxy) => HttpClient.DefaultProxy = new WebProxy(new Uri($"http://127.0.0.1:{proxy.Port}"));

        public static EnvironmentProxy Set(Uri proxy) => new(proxy);

        public void Dispose() => HttpClient.DefaultProxy = _before;
    }
}
