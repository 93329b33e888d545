using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Sending;
using WebhookSignatures.Tests.Sending;

namespace WebhookSignatures.Http.Tests;

public sealed class WebhookSigningHttpClientBuilderExtensionsTests
{
    private const string Secret = "http-client-builder-secret-9e1";

    [Fact]
    public async Task A_factory_client_with_AddWebhookSigning_signs_what_it_sends()
    {
        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks")
            .AddWebhookSigning(GitHubSignature.Default, Secret)
            .ConfigurePrimaryHttpMessageHandler(() => wire);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");

        using var response = await client.PostAsync(new Uri("https://hooks.example.com/in"), new StringContent("""{"zen":"ok"}"""));

        var (body, signature) = wire.Sent.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(body).Should().Be("""{"zen":"ok"}""");
        signature.Should().Be(HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)));
    }

    [Fact]
    public async Task Each_named_client_signs_with_its_own_options_and_reads_them_per_request()
    {
        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddHttpClient("a").AddWebhookSigning(o => { o.Scheme = GitHubSignature.Default; o.Keys = KeyRing.FromSecrets("secret-of-client-a-000"); }).ConfigurePrimaryHttpMessageHandler(() => wire);
        services.AddHttpClient("b").AddWebhookSigning(o => { o.Scheme = GitHubSignature.Default; o.Keys = KeyRing.FromSecrets("secret-of-client-b-000"); }).ConfigurePrimaryHttpMessageHandler(() => wire);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        (await factory.CreateClient("a").PostAsync(new Uri("https://hooks.example.com/a"), new StringContent("x"))).Dispose();
        (await factory.CreateClient("b").PostAsync(new Uri("https://hooks.example.com/b"), new StringContent("x"))).Dispose();

        wire.Sent.Select(s => s.Signature).Should().Equal(
            HubSignature.CreateSignatureHeader("x"u8, "secret-of-client-a-000"u8),
            HubSignature.CreateSignatureHeader("x"u8, "secret-of-client-b-000"u8));
    }

    [Fact]
    public async Task A_factory_client_refuses_plain_http()
    {
        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks").AddWebhookSigning(SnykSignature.Default, Secret).ConfigurePrimaryHttpMessageHandler(() => wire);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");

        var send = () => client.PostAsync(new Uri("http://127.0.0.1:9/in"), new StringContent("{}"));

        await send.Should().ThrowAsync<InvalidOperationException>();
        wire.Sent.Should().BeEmpty();
    }

    [Theory]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task A_factory_client_does_not_follow_a_redirect_and_returns_it_as_the_receivers_answer(HttpStatusCode status)
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(status, elsewhere.Url);
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks").AddWebhookSigning(GitHubSignature.Default, Secret, allowHttpToLoopback: true);
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks"));

        using var response = await sender.SendAsync(receiver.Url, """{"zen":"ok"}"""u8.ToArray());

        response.StatusCode.Should().Be(status);
        response.IsSuccessStatusCode.Should().BeFalse();
        receiver.Received.Should().ContainSingle().Which.Headers.Should().ContainKey(GitHubSignature.SignatureHeaderName);
        elsewhere.Connections.Should().Be(0, "the signed body and its signature must not reach the redirect's target");
        elsewhere.Received.Should().BeEmpty();
    }

    [Theory]
    [InlineData("SocketsHttpHandler, configured after AddWebhookSigning", true)]
    [InlineData("SocketsHttpHandler, configured before AddWebhookSigning", false)]
    [InlineData("DelegatingHandler over SocketsHttpHandler, configured after AddWebhookSigning", true)]
    public async Task A_primary_handler_set_in_either_order_does_not_follow_redirects(string primary, bool after)
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.TemporaryRedirect, elsewhere.Url);
        Func<HttpMessageHandler> create = primary.StartsWith("SocketsHttpHandler", StringComparison.Ordinal)
            ? () => new SocketsHttpHandler()
            : () => new PassThroughHandler(new SocketsHttpHandler());
        var services = new ServiceCollection();
        var client = services.AddHttpClient("webhooks");
        if (!after)
        {
            client.ConfigurePrimaryHttpMessageHandler(create);
        }

        client.AddWebhookSigning(GitHubSignature.Default, Secret, allowHttpToLoopback: true);
        if (after)
        {
            client.ConfigurePrimaryHttpMessageHandler(create);
        }

        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");

        using var response = await http.PostAsync(receiver.Url, new StringContent("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        receiver.Received.Should().ContainSingle();
        elsewhere.Connections.Should().Be(0);
    }

    [Fact]
    public async Task A_primary_handler_that_follows_redirects_out_of_reach_fails_the_delivery_instead_of_reporting_success()
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.TemporaryRedirect, elsewhere.Url);
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks")
            .AddWebhookSigning(GitHubSignature.Default, Secret, allowHttpToLoopback: true)
            .ConfigurePrimaryHttpMessageHandler(() => new OpaqueFollowingHandler());
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks"));

        var send = () => sender.SendAsync(receiver.Url, """{"zen":"ok"}"""u8.ToArray());

        (await send.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("redirected").And.Contain($"127.0.0.1:{elsewhere.Url.Port}");
        elsewhere.Received.Should().ContainSingle("this handler follows redirects where the registration cannot reach; the failure is what is asserted");
    }

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>A primary handler whose redirect setting the registration cannot see: it follows redirects itself.</summary>
    private sealed class OpaqueFollowingHandler : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(new SocketsHttpHandler { AllowAutoRedirect = true });

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _inner.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class WireRecorder : HttpMessageHandler
    {
        public List<(byte[] Body, string? Signature)> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Sent.Add((body, request.Headers.TryGetValues(GitHubSignature.SignatureHeaderName, out var values) || request.Headers.TryGetValues(SnykSignature.SignatureHeaderName, out values) ? values.Single() : null));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
