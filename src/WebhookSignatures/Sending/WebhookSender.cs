using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WebhookSignatures.Sending;

/// <summary>
/// Posts webhook deliveries through an <see cref="HttpClient"/> whose pipeline contains a
/// <see cref="WebhookSigningHandler"/>, so every body it sends is signed on the way out.
/// </summary>
/// <remarks>
/// <para>With <c>IHttpClientFactory</c>, register the client with <c>AddWebhookSigning(...)</c> (package WebhookSignatures.Http)
/// and wrap it: <c>new WebhookSender(factory.CreateClient("webhooks"))</c>. Without it, use <see cref="Create"/>.</para>
/// <para>Deliveries go only to public addresses: a receiver whose address is internal (private, loopback, link-local,
/// carrier-grade NAT and the other special-purpose ranges) is refused with a <see cref="WebhookAddressRefusedException"/>
/// before a connection is opened, unless <see cref="WebhookSenderOptions.AddressGuard"/> allows it
/// (<see cref="WebhookSenderOptions.AllowHttpToLoopback"/> allows loopback, for development).</para>
/// <para>Deliveries never follow redirects. A 3xx answer is returned as the receiver's answer, so
/// <see cref="HttpResponseMessage.IsSuccessStatusCode"/> is <see langword="false"/> and the body and signature go
/// nowhere else. A client handed in that follows redirects anyway is caught afterwards: a response whose
/// <see cref="HttpResponseMessage.RequestMessage"/> ended at another URL fails the delivery with an
/// <see cref="HttpRequestException"/> rather than reporting the other URL's answer as a success.</para>
/// </remarks>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <summary>Wraps a client whose handlers already sign (see <see cref="WebhookSigningHandler"/>).</summary>
    /// <param name="client">
    /// The signing client; the caller keeps ownership. Its primary handler should not follow redirects
    /// (<c>AddWebhookSigning</c> sees to that); a redirect it follows fails the delivery with an <see cref="HttpRequestException"/>.
    /// </param>
    public WebhookSender(HttpClient client)
        : this(client, ownsClient: false)
    {
    }

    private WebhookSender(HttpClient client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ownsClient = ownsClient;
    }

    /// <summary>Creates a sender with its own client and a <see cref="WebhookSigningHandler"/> over <paramref name="options"/>.</summary>
    /// <param name="options">The scheme, secrets and delivery settings.</param>
    /// <param name="innerHandler">
    /// The handler that does the I/O, owned by the sender from now on; when <see langword="null"/>, a new
    /// <see cref="SocketsHttpHandler"/> with the guard against internal addresses (<see cref="WebhookSenderOptions.AddressGuard"/>),
    /// no proxy from the environment and no redirects. A <see cref="SocketsHttpHandler"/> given (or delegated to) gets
    /// the same guard and has redirects turned off; an <see cref="HttpClientHandler"/>, which cannot be guarded, is
    /// refused. A handler of another type connects by its own means (only internal addresses written in URLs are
    /// refused for it), and a redirect it follows fails the delivery with an <see cref="HttpRequestException"/>.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// The handler is an <see cref="HttpClientHandler"/>, has a connect step or proxy of its own, or has already sent
    /// requests, so it cannot be changed.
    /// </exception>
    public static WebhookSender Create(WebhookSenderOptions options, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebhookRedirectPolicy.DisableAutoRedirect(innerHandler);
        GuardedTransport.Apply(innerHandler, () => options);
#pragma warning disable CA2000 // The client owns the handler chain and the sender owns the client.
        var handler = new WebhookSigningHandler(options) { InnerHandler = innerHandler ?? GuardedTransport.Create(() => options) };
        return new WebhookSender(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, ownsClient: true);
#pragma warning restore CA2000
    }

    /// <summary>Signs and posts <paramref name="body"/> exactly as given (plus what the scheme adds).</summary>
    /// <param name="url">The receiver's URL.</param>
    /// <param name="body">The body to sign and send.</param>
    /// <param name="headers">Extra headers that describe the delivery, such as <c>X-GitHub-Event</c>; they are not signed.</param>
    /// <param name="contentType">The body's media type.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The receiver's response, a 3xx one included (redirects are not followed); dispose it.</returns>
    /// <exception cref="WebhookAddressRefusedException">The receiver's address is internal and not allowed; nothing was sent.</exception>
    /// <exception cref="HttpRequestException">The delivery failed, or the client followed a redirect to another URL.</exception>
    public async Task<HttpResponseMessage> SendAsync(
        Uri url,
        ReadOnlyMemory<byte> body,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        string contentType = "application/json",
        CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(url, body, headers, contentType);
        return await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs and posts <paramref name="body"/> through every attempt the client's retry policy makes, and says how the
    /// delivery ended: delivered, endpoint gone (410), failed with the receiver's last answer, unreachable, or refused
    /// before it was sent (an internal address, or a later attempt that would have been a new delivery).
    /// </summary>
    /// <remarks>
    /// With a client from <c>AddWebhookDelivery</c> (WebhookSignatures.Http) each attempt is signed anew with the same
    /// delivery id where the scheme's identity allows it; with <see cref="Create"/> or a client without a retry policy
    /// there is one attempt.
    /// </remarks>
    /// <param name="url">The receiver's URL.</param>
    /// <param name="body">The body to sign and send.</param>
    /// <param name="headers">Extra headers that describe the delivery; they are not signed.</param>
    /// <param name="deliveryId">
    /// The delivery id, for schemes that sign one (Standard Webhooks' <c>webhook-id</c>, Twitch's message id): give the
    /// event's own id to keep it across process restarts; the scheme makes one when <see langword="null"/>.
    /// </param>
    /// <param name="contentType">The body's media type.</param>
    /// <param name="cancellationToken">Cancels the delivery, between attempts too.</param>
    /// <returns>How the delivery ended.</returns>
    /// <exception cref="InvalidOperationException">The URL is not <c>https://</c> (or plain HTTP to loopback in development), or the options are incomplete.</exception>
    /// <exception cref="HttpRequestException">The client followed a redirect to another URL.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<WebhookDeliveryResult> DeliverAsync(
        Uri url,
        ReadOnlyMemory<byte> body,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        string? deliveryId = null,
        string contentType = "application/json",
        CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(url, body, headers, contentType);
        if (deliveryId is not null)
        {
            request.Options.Set(WebhookDeliveryAttempts.RequestedIdKey, deliveryId);
        }

        try
        {
            using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = response.IsSuccessStatusCode ? WebhookDeliveryOutcome.Delivered
                : response.StatusCode == HttpStatusCode.Gone ? WebhookDeliveryOutcome.EndpointGone
                : WebhookDeliveryOutcome.Failed;
            return Result(request, outcome, response.StatusCode, lastSent: true, exception: null);
        }
        catch (WebhookAddressRefusedException e)
        {
            return Result(request, WebhookDeliveryOutcome.AddressRefused, null, lastSent: false, e);
        }
        catch (WebhookResendRefusedException e)
        {
            return Result(request, WebhookDeliveryOutcome.ResendRefused, null, lastSent: false, e);
        }
        catch (Exception e) when (e is TimeoutException || (e is HttpRequestException && e is not WebhookRedirectFollowedException)
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Result(request, WebhookDeliveryOutcome.Unreachable, null, lastSent: true, e);
        }
    }

    /// <summary>Serializes a payload with source-generated metadata, then signs and posts it.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <param name="url">The receiver's URL.</param>
    /// <param name="payload">The payload model.</param>
    /// <param name="typeInfo">The payload's metadata from a <c>JsonSerializerContext</c> (trimming and AOT safe).</param>
    /// <param name="headers">Extra headers that describe the delivery; they are not signed.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>The receiver's response; dispose it.</returns>
    public Task<HttpResponseMessage> SendAsync<T>(
        Uri url,
        T payload,
        JsonTypeInfo<T> typeInfo,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        return SendAsync(url, body, headers, "application/json", cancellationToken);
    }

    private static HttpRequestMessage CreateRequest(Uri url, ReadOnlyMemory<byte> body, IEnumerable<KeyValuePair<string, string>>? headers, string contentType)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
        };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    // The attempts come from the signing handler's record on the request; the last one counts only if it was sent.
    private static WebhookDeliveryResult Result(HttpRequestMessage request, WebhookDeliveryOutcome outcome, HttpStatusCode? status, bool lastSent, Exception? exception)
    {
        if (!request.Options.TryGetValue(WebhookDeliveryAttempts.Key, out var attempts))
        {
            return new WebhookDeliveryResult(outcome, status, 0, null, exception);
        }

        return new WebhookDeliveryResult(outcome, status ?? attempts.LastStatusCode, lastSent ? attempts.Count : attempts.Count - 1, attempts.First?.DeliveryId, exception);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // HttpClient resolves a relative URL against its BaseAddress before sending.
        var url = request.RequestUri!;
        var target = url.IsAbsoluteUri || _client.BaseAddress is null ? url : new Uri(_client.BaseAddress, url);
        var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        WebhookRedirectPolicy.ThrowIfFollowed(target, request, response);
        return response;
    }

    /// <summary>Disposes the client when this sender created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
