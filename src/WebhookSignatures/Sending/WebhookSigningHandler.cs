using System.Runtime.ExceptionServices;

namespace WebhookSignatures.Sending;

/// <summary>
/// An <see cref="HttpClient"/> handler that signs every outgoing request as a webhook delivery: it buffers the
/// request body, signs it with the scheme and the ring's signing keys (the current one, and the previous one during a
/// rotation's grace time where the scheme carries several signatures), replaces the body with the exact signed bytes
/// (Infisical appends the timestamp) and sets the signature headers.
/// </summary>
/// <remarks>
/// <para>Targets must be <c>https://</c>; plain HTTP is refused with an <see cref="InvalidOperationException"/>
/// unless the target is loopback and <see cref="WebhookSenderOptions.AllowHttpToLoopback"/> is set.</para>
/// <para>Redirects are not followed: a 3xx answer is returned as the receiver's answer (not a success), because a
/// redirect would hand the signed body and signature to a URL nobody checked. The handler cannot stop the handler
/// below it from following one, so give it one with <c>AllowAutoRedirect = false</c> (<see cref="WebhookSender.Create"/>
/// and <c>AddWebhookSigning</c> set that); when a redirect was followed all the same, which shows as a request that
/// ended at another URL, the delivery fails with an <see cref="HttpRequestException"/> instead of returning the other
/// URL's answer.</para>
/// <para>Internal receivers are refused with a <see cref="WebhookAddressRefusedException"/> before any connection is
/// opened (see <see cref="WebhookAddressGuardOptions"/>): an address written in the URL at once, a name when the
/// connection is made, by the guard on the <see cref="SocketsHttpHandler"/> below. On the first request the handler
/// puts that guard on the <see cref="SocketsHttpHandler"/> it sends through if it has none, and refuses to send through
/// an <see cref="HttpClientHandler"/>, which cannot be guarded. Requests are kept off HTTP/3, which would bypass it.</para>
/// <para>Each delivery is cancelled after <see cref="WebhookSenderOptions.Timeout"/> with a <see cref="TimeoutException"/>.</para>
/// <para>The handler does not retry, but it makes each pass of one request a proper attempt of one delivery, so a retry
/// policy placed <em>outside</em> it (<c>AddWebhookDelivery</c> in WebhookSignatures.Http composes one) resends safely:
/// a later pass is signed anew with a fresh timestamp and the same delivery id when the receiver identifies the fresh
/// signature as the same delivery (Standard Webhooks' <c>webhook-id</c>, a Stripe-style body's id, Twitch's message id,
/// or schemes that sign no time); otherwise the first pass's identical bytes are resent while they can still arrive
/// inside the receiver's window (<see cref="WebhookScheme.Tolerance"/> after the signed time, less
/// <see cref="WebhookSenderOptions.Timeout"/>), and past it the attempt fails with a
/// <see cref="WebhookResendRefusedException"/> rather than reach the receiver as a new delivery. A retry policy placed
/// inside it (between it and the network) would resend the identical bytes however stale they are.</para>
/// </remarks>
public sealed class WebhookSigningHandler : DelegatingHandler
{
    private readonly Func<WebhookSenderOptions> _options;
    private readonly object _transportGate = new();
    private volatile bool _transportGuarded;

    /// <summary>Creates a handler with fixed options.</summary>
    /// <param name="options">The scheme, secrets and delivery settings.</param>
    public WebhookSigningHandler(WebhookSenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = () => options;
    }

    /// <summary>Creates a handler that reads its options for every request, so rotated secrets apply at once.</summary>
    /// <param name="options">Returns the current options, for example <c>() =&gt; monitor.Get(name)</c>.</param>
    public WebhookSigningHandler(Func<WebhookSenderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _options() ?? throw new InvalidOperationException("The webhook signing options are missing.");
        var scheme = options.Scheme ?? throw new InvalidOperationException("WebhookSenderOptions.Scheme is not set: choose the scheme that signs the deliveries.");
        var keys = options.Keys ?? throw new InvalidOperationException("WebhookSenderOptions.Keys is not set: give the secret that signs the deliveries.");
        WebhookTargetPolicy.EnsureAllowed(request.RequestUri, options.AllowHttpToLoopback);
        WebhookAddressGuard.CheckLiteral(request.RequestUri, options);
        EnsureTransportGuarded();
        WebhookAddressGuard.KeepOffHttp3(request);

        using var timeout = options.Timeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(options.Timeout, scheme.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await PrepareAttemptAsync(request, scheme, keys, options.Timeout, linked.Token).ConfigureAwait(false);
            var target = request.RequestUri;
            var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            WebhookRedirectPolicy.ThrowIfFollowed(target, request, response);
            request.Options.TryGetValue(WebhookDeliveryAttempts.Key, out var attempts);
            attempts!.LastStatusCode = response.StatusCode;
            return response;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The webhook delivery did not complete within {options.Timeout.TotalSeconds:0.###} s.", e);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            // SocketsHttpHandler wraps what its connect step throws; the refusal itself is what the caller can act on.
            ExceptionDispatchInfo.Capture(refused).Throw();
            throw;
        }
    }

    // The first pass signs the caller's body; a later pass of the same request (a retry policy outside this handler)
    // is the delivery's next attempt, signed anew or resent as WebhookDeliveryAttempts decides.
    private static async Task PrepareAttemptAsync(HttpRequestMessage request, WebhookScheme scheme, KeyRing keys, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        // Schemes that sign the request line (Twilio, HubSpot, Square) sign the URL and method this request goes to.
        var target = new WebhookRequestTarget(request.Method.Method, request.RequestUri!);
        if (request.Options.TryGetValue(WebhookDeliveryAttempts.Key, out var attempts))
        {
            attempts.Apply(request, attempts.SignNext(keys, target, attemptTimeout));
            return;
        }

        attempts = await WebhookDeliveryAttempts.StartAsync(scheme, request.Content, cancellationToken).ConfigureAwait(false);
        request.Options.TryGetValue(WebhookDeliveryAttempts.RequestedIdKey, out var requestedId);
        var signed = attempts.SignFirst(keys, target, requestedId);

        // The signed bytes replace the original content, so what goes on the wire is exactly what was signed.
        attempts.Apply(request, signed);
        request.Options.Set(WebhookDeliveryAttempts.Key, attempts);
    }

    /// <summary>Puts the guard on the handler below once, before the first request goes through it.</summary>
    private void EnsureTransportGuarded()
    {
        if (_transportGuarded)
        {
            return;
        }

        lock (_transportGate)
        {
            if (!_transportGuarded)
            {
                GuardedTransport.Apply(InnerHandler, _options);
                _transportGuarded = true;
            }
        }
    }
}
