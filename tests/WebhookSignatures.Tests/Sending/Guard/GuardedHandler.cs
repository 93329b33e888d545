using WebhookSignatures.Sending;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// A real <see cref="SocketsHttpHandler"/> with the guard as its connect step, answering names from a
/// <see cref="ScriptedResolver"/> and connecting only through a <see cref="LoopbackOnlyConnector"/>.
/// </summary>
internal sealed class GuardedHandler : IDisposable
{
    public GuardedHandler(WebhookSenderOptions? options = null)
    {
        Options = options ?? new WebhookSenderOptions();
        Handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        WebhookAddressGuard.Install(Handler, () => Options, Resolver.ResolveAsync, Connector.ConnectAsync);
        Invoker = new HttpMessageInvoker(Handler);
    }

    public WebhookSenderOptions Options { get; }

    public ScriptedResolver Resolver { get; } = new();

    public LoopbackOnlyConnector Connector { get; } = new();

    public SocketsHttpHandler Handler { get; }

    public HttpMessageInvoker Invoker { get; }

    public Task<HttpResponseMessage> PostAsync(string url, bool closeConnection = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Headers.ConnectionClose = closeConnection;
        return Invoker.SendAsync(request, CancellationToken.None);
    }

    /// <summary>Posts and returns the guard's refusal, failing the test if anything else happened.</summary>
    public async Task<WebhookAddressRefusedException> RefusedAsync(string url)
    {
        var send = () => PostAsync(url);

        // SocketsHttpHandler reports what its connect step threw inside an HttpRequestException of its own.
        var thrown = (await send.Should().ThrowAsync<HttpRequestException>()).Which;
        Connector.Strays.Should().BeEmpty("the guard must refuse before any connection is attempted");
        return thrown.InnerException.Should().BeOfType<WebhookAddressRefusedException>().Subject;
    }

    public void Dispose() => Invoker.Dispose();
}
