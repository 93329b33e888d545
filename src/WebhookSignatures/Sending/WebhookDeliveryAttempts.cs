using System.Net.Http.Headers;

namespace WebhookSignatures.Sending;

/// <summary>
/// What one delivery keeps across its attempts, in the request's options: the body as the caller gave it (schemes such
/// as Infisical add to it when they sign), its content headers, the first attempt's signed form and identity, and how
/// many attempts were made. A retry policy outside the signing handler passes the same request through it again.
/// </summary>
internal sealed class WebhookDeliveryAttempts
{
    /// <summary>Where the state is kept on the request.</summary>
    public static readonly HttpRequestOptionsKey<WebhookDeliveryAttempts> Key = new("WebhookSignatures.Delivery");

    /// <summary>The delivery id a caller asked for (<see cref="WebhookSender.DeliverAsync"/>); the scheme makes one otherwise.</summary>
    public static readonly HttpRequestOptionsKey<string> RequestedIdKey = new("WebhookSignatures.DeliveryId");

    public WebhookDeliveryAttempts(WebhookScheme scheme, byte[] body, KeyValuePair<string, IEnumerable<string>>[] contentHeaders)
    {
        Scheme = scheme;
        Body = body;
        ContentHeaders = contentHeaders;
    }

    /// <summary>The scheme the first attempt signed with; every attempt of the delivery uses it.</summary>
    public WebhookScheme Scheme { get; }

    /// <summary>The body as the caller gave it, before any scheme added to it.</summary>
    public byte[] Body { get; }

    /// <summary>The original content's headers (its media type), put on every attempt's content.</summary>
    public KeyValuePair<string, IEnumerable<string>>[] ContentHeaders { get; }

    /// <summary>The first attempt as signed.</summary>
    public SignedWebhook? First { get; set; }

    /// <summary>The identity a receiver gives the first attempt; empty when it did not verify.</summary>
    public WebhookDeliveryIdentity FirstIdentity { get; set; }

    /// <summary>The attempt being sent, or last sent, from 1.</summary>
    public int Count { get; set; }

    /// <summary>The receiver's last answer, in whichever attempt it came.</summary>
    public System.Net.HttpStatusCode? LastStatusCode { get; set; }

    /// <summary>The signature headers the last attempt carried, removed before the next one's are set.</summary>
    public IReadOnlyList<string> SentHeaderNames { get; set; } = [];

    /// <summary>Whether the last attempt was signed anew (or was the first), rather than a resend of the first's bytes.</summary>
    public bool LastWasResigned { get; set; }

    /// <summary>Reads the caller's body and content headers for the first attempt.</summary>
    public static async Task<WebhookDeliveryAttempts> StartAsync(WebhookScheme scheme, HttpContent? content, CancellationToken cancellationToken)
    {
        var body = content is null ? [] : await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = content is null
            ? []
            : content.Headers
                .Where(h => !string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.ToArray()))
                .ToArray();
        return new WebhookDeliveryAttempts(scheme, body, headers);
    }

    /// <summary>
    /// Signs the first attempt, with the delivery id the caller asked for or one the scheme makes, and records the
    /// identity a receiver will give it.
    /// </summary>
    public SignedWebhook SignFirst(KeyRing keys, WebhookRequestTarget target, string? requestedId)
    {
        var signed = Scheme.Sign(Body, keys, new WebhookSigningParameters { Target = target, DeliveryId = requestedId });
        First = signed;
        FirstIdentity = Identify(signed, keys, target);
        Count = 1;
        LastWasResigned = true;
        return signed;
    }

    /// <summary>
    /// What the next attempt sends. Signed anew (fresh timestamp, same delivery id) when a receiver identifies the fresh
    /// signature as the same delivery as the first; otherwise the first attempt's identical bytes, while they can still
    /// arrive inside the receiver's window (<see cref="WebhookScheme.Tolerance"/> after the signed time, less
    /// <paramref name="attemptTimeout"/>), or never when the scheme signs no time.
    /// </summary>
    /// <exception cref="WebhookResendRefusedException">Neither would be the same delivery to the receiver.</exception>
    public SignedWebhook SignNext(KeyRing keys, WebhookRequestTarget target, TimeSpan attemptTimeout)
    {
        var first = First!;
        Count++;

        // Whether re-signing keeps the delivery the same is decided on the identity a receiver computes, not on a list
        // of schemes: a Stripe body with an id keeps it, one without does not.
        var fresh = Scheme.Sign(Body, keys, new WebhookSigningParameters { Target = target, DeliveryId = first.DeliveryId });
        if (!FirstIdentity.IsEmpty && Identify(fresh, keys, target) == FirstIdentity)
        {
            LastWasResigned = true;
            return fresh;
        }

        LastWasResigned = false;
        if (first.TimestampUnixMs is not { } signedMs)
        {
            return first;
        }

        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(signedMs);
        var margin = attemptTimeout == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : attemptTimeout;
        if (Scheme.TimeProvider.GetUtcNow() + margin <= signedAt + Scheme.Tolerance)
        {
            return first;
        }

        throw new WebhookResendRefusedException(Scheme.Name, signedAt, Scheme.Tolerance, Count);
    }

    /// <summary>Makes <paramref name="signed"/> the request's content and signature headers.</summary>
    public void Apply(HttpRequestMessage request, SignedWebhook signed)
    {
        var content = new ReadOnlyMemoryContent(signed.Body);
        foreach (var (name, values) in ContentHeaders)
        {
            content.Headers.TryAddWithoutValidation(name, values);
        }

        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        request.Content?.Dispose();
        request.Content = content;
        foreach (var name in SentHeaderNames)
        {
            request.Headers.Remove(name);
        }

        var names = new List<string>();
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
            names.Add(name);
        }

        SentHeaderNames = names;
    }

    // The identity this project's receivers give the signed delivery; empty if it does not verify with the keys that
    // signed it (then no later attempt is re-signed).
    private WebhookDeliveryIdentity Identify(SignedWebhook signed, KeyRing keys, WebhookRequestTarget target)
    {
        var result = Scheme.Verify(new WebhookDelivery(signed.Headers, signed.Body.Span, target), keys, WebhookReadParts.Identity);
        return result.IsValid ? result.Identity : default;
    }
}
