using System.Net;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending;

/// <summary>
/// A receiver that answers with a redirect must not get the signed delivery handed on to another host. Each test runs
/// two receivers on 127.0.0.1: the first redirects to the second, which stands in for a host the sender never chose.
/// </summary>
public sealed class RedirectTests
{
    private const string Secret = "redirect-secret-0123456789";
    private static readonly byte[] Body = """{"zen":"Keep it logically awesome."}"""u8.ToArray();

    public static TheoryData<HttpStatusCode> RedirectStatuses =>
    [
        HttpStatusCode.MovedPermanently,
        HttpStatusCode.Found,
        HttpStatusCode.SeeOther,
        HttpStatusCode.TemporaryRedirect,
        HttpStatusCode.PermanentRedirect,
    ];

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task The_sender_does_not_follow_a_redirect_and_returns_it_as_the_receivers_answer(HttpStatusCode status)
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(status, elsewhere.Url);
        using var keys = KeyRing.FromSecrets(Secret);
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true });

        using var response = await sender.SendAsync(receiver.Url, Body);

        response.StatusCode.Should().Be(status);
        response.IsSuccessStatusCode.Should().BeFalse();
        response.Headers.Location.Should().Be(elsewhere.Url);
        var delivered = receiver.Received.Should().ContainSingle().Subject;
        delivered.Body.Should().Equal(Body);
        delivered.Headers.Should().ContainKey(GitHubSignature.SignatureHeaderName);
        elsewhere.Connections.Should().Be(0, "the signed body and its signature must not reach the redirect's target");
        elsewhere.Received.Should().BeEmpty();
    }

    public static TheoryData<string> GivenHandlers => ["SocketsHttpHandler", "DelegatingHandler over SocketsHttpHandler"];

    [Theory]
    [MemberData(nameof(GivenHandlers))]
    public async Task The_sender_turns_redirects_off_on_the_handler_it_is_given(string kind)
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.TemporaryRedirect, elsewhere.Url);
        using var keys = KeyRing.FromSecrets(Secret);
#pragma warning disable CA2000 // The sender's client owns and disposes the handler.
        HttpMessageHandler inner = kind switch
        {
            "SocketsHttpHandler" => new SocketsHttpHandler(),
            _ => new PassThroughHandler(new SocketsHttpHandler()),
        };
#pragma warning restore CA2000
        using var sender = WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true }, inner);

        using var response = await sender.SendAsync(receiver.Url, Body);

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        receiver.Received.Should().ContainSingle();
        elsewhere.Connections.Should().Be(0);
    }

    [Fact]
    public async Task A_redirect_followed_by_a_given_client_is_reported_as_a_failure_not_as_the_other_hosts_answer()
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.TemporaryRedirect, new Uri(elsewhere.Url, "?token=hunter2"));
        using var keys = KeyRing.FromSecrets(Secret);
        using var client = new HttpClient(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true })
        {
            InnerHandler = new OpaqueFollowingHandler(),
        });
        using var sender = new WebhookSender(client);

        var send = () => sender.SendAsync(receiver.Url, Body);

        var message = (await send.Should().ThrowAsync<HttpRequestException>()).Which.Message;
        message.Should().Contain("redirect").And.Contain($"127.0.0.1:{elsewhere.Url.Port}").And.NotContain("hunter2");

        // The caller's handler followed the redirect before any code of the library saw the answer: the delivery did
        // arrive there, and what the library can do is refuse to call the other host's 200 a successful delivery.
        elsewhere.Received.Should().ContainSingle();
    }

    [Fact]
    public async Task A_signing_handler_over_a_handler_that_follows_redirects_fails_the_request()
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.PermanentRedirect, elsewhere.Url);
        using var keys = KeyRing.FromSecrets(Secret);
        using var client = new HttpClient(new WebhookSigningHandler(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true })
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = true },
        });

        var send = () => client.PostAsync(receiver.Url, new ByteArrayContent(Body));

        (await send.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("AllowAutoRedirect");
    }

    [Fact]
    public async Task The_sender_reports_a_redirect_followed_by_a_client_without_a_signing_handler_it_knows()
    {
        await using var elsewhere = LoopbackReceiver.Accepting();
        await using var receiver = LoopbackReceiver.Redirecting(HttpStatusCode.Found, elsewhere.Url);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var sender = new WebhookSender(client);

        var send = () => sender.SendAsync(receiver.Url, Body);

        await send.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task A_handler_that_follows_redirects_and_has_already_sent_is_refused_with_a_clear_message()
    {
        await using var receiver = LoopbackReceiver.Accepting();
        using var keys = KeyRing.FromSecrets(Secret);
        using var used = new HttpClientHandler();
        using (var client = new HttpClient(used, disposeHandler: false))
        {
            (await client.GetAsync(receiver.Url)).Dispose();
        }

        var create = () => WebhookSender.Create(new WebhookSenderOptions { Scheme = GitHubSignature.Default, Keys = keys, AllowHttpToLoopback = true }, used);

        create.Should().Throw<InvalidOperationException>().WithMessage("*follows redirects*AllowAutoRedirect = false*");
    }

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>A transport of the caller's own whose redirect setting the library cannot reach: it follows redirects itself.</summary>
    private sealed class OpaqueFollowingHandler : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = false });

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
}
