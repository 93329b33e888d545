using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class WebhookSigningHttpClientBuilderExtensionsTests
{
    private const string Secret = "http-client-builder-secret-9e1";

    [Fact]
    public async Task A_factory_client_with_AddWebhookSigning_signs_what_it_sends()
    {
        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks")
            .AddWebhookSigning(HubSignature.GitHub, Secret)
            .ConfigurePrimaryHttpMessageHandler(() => wire);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");

        using var response = await client.PostAsync(new Uri("https://hooks.example.com/in"), new StringContent("""{"zen":"ok"}"""));

        var (body, signature) = wire.Sent.Should().ContainSingle().Subject;
        Encoding.UTF8.GetString(body).Should().Be("""{"zen":"ok"}""");
        signature.Should().Be(HubSignature.CreateHeader(body, Encoding.UTF8.GetBytes(Secret)));
    }

    [Fact]
    public async Task Each_named_client_signs_with_its_own_options_and_reads_them_per_request()
    {
        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddHttpClient("a").AddWebhookSigning(o => { o.Scheme = HubSignature.GitHub; o.Keys = KeyRing.FromSecrets("secret-of-client-a-000"); }).ConfigurePrimaryHttpMessageHandler(() => wire);
        services.AddHttpClient("b").AddWebhookSigning(o => { o.Scheme = HubSignature.GitHub; o.Keys = KeyRing.FromSecrets("secret-of-client-b-000"); }).ConfigurePrimaryHttpMessageHandler(() => wire);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        (await factory.CreateClient("a").PostAsync(new Uri("https://hooks.example.com/a"), new StringContent("x"))).Dispose();
        (await factory.CreateClient("b").PostAsync(new Uri("https://hooks.example.com/b"), new StringContent("x"))).Dispose();

        wire.Sent.Select(s => s.Signature).Should().Equal(
            HubSignature.CreateHeader("x"u8, "secret-of-client-a-000"u8),
            HubSignature.CreateHeader("x"u8, "secret-of-client-b-000"u8));
    }

    [Fact]
    public async Task A_factory_client_refuses_plain_http()
    {
        var wire = new WireRecorder();
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks").AddWebhookSigning(HubSignature.Snyk, Secret).ConfigurePrimaryHttpMessageHandler(() => wire);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks");

        var send = () => client.PostAsync(new Uri("http://127.0.0.1:9/in"), new StringContent("{}"));

        await send.Should().ThrowAsync<InvalidOperationException>();
        wire.Sent.Should().BeEmpty();
    }

    private sealed class WireRecorder : HttpMessageHandler
    {
        public List<(byte[] Body, string? Signature)> Sent { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Sent.Add((body, request.Headers.TryGetValues(HubSignature.GitHubHeaderName, out var values) || request.Headers.TryGetValues(HubSignature.SnykHeaderName, out values) ? values.Single() : null));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
