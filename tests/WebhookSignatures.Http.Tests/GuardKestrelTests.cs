using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Http.Tests;

/// <summary>
/// The guard end to end, against a real Kestrel on 127.0.0.1 (the only address these tests ever connect to), through
/// <see cref="WebhookSender.Create"/> and through <c>AddWebhookSigning</c>: development mode over HTTP and HTTPS, the
/// allow-list, and the refusal of loopback without either, decided before a connection reaches Kestrel.
/// </summary>
public sealed class GuardKestrelTests
{
    private const string Secret = "kestrel-guard-secret-0123456789";
    private static readonly byte[] Body = """{"zen":"Practicality beats purity."}"""u8.ToArray();

    [Fact]
    public async Task The_sender_in_development_mode_delivers_a_verified_webhook_to_a_loopback_Kestrel_over_http()
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret);
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true });

        using var byAddress = await sender.SendAsync(kestrel.Url, Body);
        using var byName = await sender.SendAsync(kestrel.LocalhostUrl, Body);

        byAddress.StatusCode.Should().Be(HttpStatusCode.NoContent);
        byName.StatusCode.Should().Be(HttpStatusCode.NoContent);
        kestrel.Verified.Should().Equal(true, true);
    }

    [Fact]
    public async Task Development_mode_covers_https_to_loopback_too()
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret, https: true);
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true }, kestrel.CreateTrustingHandler());

        using var response = await sender.SendAsync(kestrel.Url, Body);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        kestrel.Verified.Should().Equal(true);
    }

    [Fact]
    public async Task Without_development_mode_a_loopback_Kestrel_is_refused_before_any_connection()
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret, https: true);
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys }, kestrel.CreateTrustingHandler());

        var byAddress = () => sender.SendAsync(kestrel.Url, Body);
        var byName = () => sender.SendAsync(kestrel.LocalhostUrl, Body);

        (await byAddress.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("loopback");
        (await byName.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Message.Should().Contain("for localhost (loopback:");
        kestrel.Connections.Should().Be(0);
    }

    [Fact]
    public async Task An_allowed_address_is_delivered_to_without_development_mode_and_others_stay_refused()
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret, https: true);
        using var keys = KeyRing.FromSecrets(Secret);
        var options = new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys };
        options.AddressGuard.Allow("127.0.0.1");
        using var sender = WebhookSender.Create(options, kestrel.CreateTrustingHandler());

        using var allowed = await sender.SendAsync(kestrel.Url, Body);
        var notAllowed = () => sender.SendAsync(new UriBuilder(kestrel.Url) { Host = "[::1]" }.Uri, Body);

        allowed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await notAllowed.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("loopback");
        kestrel.Verified.Should().Equal(true);
    }

    [Fact]
    public async Task A_factory_client_in_development_mode_delivers_to_a_loopback_Kestrel_through_its_default_handler()
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret);
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks").AddWebhookSigning(GitHubSignature.Default, Secret, allowHttpToLoopback: true);
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks"));

        using var response = await sender.SendAsync(kestrel.LocalhostUrl, Body);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        kestrel.Verified.Should().Equal(true);
    }

    [Fact]
    public async Task A_factory_clients_default_handler_refuses_loopback_without_development_mode()
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret, https: true);
        var services = new ServiceCollection();
        services.AddHttpClient("webhooks").AddWebhookSigning(GitHubSignature.Default, Secret);
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks"));

        var send = () => sender.SendAsync(kestrel.LocalhostUrl, Body);

        (await send.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("loopback");
        kestrel.Connections.Should().Be(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_factory_client_guards_a_SocketsHttpHandler_configured_in_either_order_and_reads_its_allow_list_from_options(bool after)
    {
        await using var kestrel = await KestrelReceiver.StartAsync(Secret, https: true);
        var services = new ServiceCollection();
        var client = services.AddHttpClient("webhooks");
        if (!after)
        {
            client.ConfigurePrimaryHttpMessageHandler(kestrel.CreateTrustingHandler);
        }

        client.AddWebhookSigning(o =>
        {
            o.Scheme = GitHubSignature.Default;
            o.Keys = KeyRing.FromSecrets(Secret);
            o.AddressGuard.Allow("127.0.0.0/8");
        });
        if (after)
        {
            client.ConfigurePrimaryHttpMessageHandler(kestrel.CreateTrustingHandler);
        }

        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("webhooks"));

        using var allowed = await sender.SendAsync(kestrel.Url, Body);
        var ipv6 = () => sender.SendAsync(new UriBuilder(kestrel.Url) { Host = "[::1]" }.Uri, Body);

        allowed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ipv6.Should().ThrowAsync<WebhookAddressRefusedException>()).Which.Rule.Should().Be("loopback");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_factory_client_with_an_HttpClientHandler_is_not_created_because_it_cannot_be_guarded(bool after)
    {
        var services = new ServiceCollection();
        var client = services.AddHttpClient("webhooks");
        if (!after)
        {
            client.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
        }

        client.AddWebhookSigning(GitHubSignature.Default, Secret, allowHttpToLoopback: true);
        if (after)
        {
            client.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler());
        }

        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        var create = () => factory.CreateClient("webhooks");

        create.Should().Throw<InvalidOperationException>().WithMessage("*HttpClientHandler*cannot check the address*");
    }
}
