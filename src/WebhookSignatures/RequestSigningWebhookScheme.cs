namespace WebhookSignatures;

/// <summary>
/// A scheme whose MAC covers the request line, the method and the URL the sender called, as Twilio's, HubSpot's and
/// Square's do. Verifying, identifying and signing all need a <see cref="WebhookRequestTarget"/>: the overloads without
/// one verify as <see cref="WebhookRequestTarget.None"/>, which fails closed with
/// <see cref="WebhookFailureReason.MissingRequestUrl"/>, and refuse to sign.
/// </summary>
public abstract class RequestSigningWebhookScheme : WebhookScheme
{
    /// <summary>Initialises a scheme.</summary>
    /// <param name="name">The scheme's short name, such as <c>hubspot</c>.</param>
    /// <param name="options">Tolerance and clock; defaults when <see langword="null"/>.</param>
    protected RequestSigningWebhookScheme(string name, WebhookSchemeOptions? options)
        : base(name, options)
    {
    }

    /// <inheritdoc />
    /// <remarks>Always true.</remarks>
    public sealed override bool SignsRequestTarget => true;

    /// <inheritdoc />
    /// <remarks>Without the request line the MAC cannot be checked: the result is a failure, never a success.</remarks>
    public sealed override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys) =>
        Verify(headers, body, keys, WebhookRequestTarget.None);

    /// <inheritdoc />
    public abstract override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target);

    /// <inheritdoc />
    /// <remarks>Identifies the delivery as arriving on <see cref="WebhookRequestTarget.None"/>, which never verifies.</remarks>
    public sealed override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result) =>
        IdentifyDelivery(headers, body, result, WebhookRequestTarget.None);

    /// <inheritdoc />
    public abstract override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result, WebhookRequestTarget target);

    /// <summary>Always throws: the signature covers the URL, so sign with the overload that takes the request target.</summary>
    /// <param name="body">Unused.</param>
    /// <param name="keys">Unused.</param>
    /// <param name="timestamp">Unused.</param>
    /// <param name="messageId">Unused.</param>
    /// <exception cref="ArgumentException">Always.</exception>
    public sealed override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null) =>
        throw new ArgumentException($"The '{Name}' scheme signs the request URL: sign with the overload that takes a WebhookRequestTarget.", nameof(body));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The target is <see cref="WebhookRequestTarget.None"/>, or the ring is empty.</exception>
    public abstract override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, WebhookRequestTarget target, DateTimeOffset? timestamp = null, string? messageId = null);

    /// <summary>Throws when the ring has no secret or there is no request target to sign.</summary>
    /// <param name="keys">The ring.</param>
    /// <param name="target">The request line the delivery will be sent on.</param>
    /// <returns>The target's URL.</returns>
    protected static Uri EnsureCanSign(KeyRing keys, WebhookRequestTarget target)
    {
        EnsureCanSign(keys);
        return target.Url ?? throw new ArgumentException("The scheme signs the request URL: give the URL the delivery is sent to.", nameof(target));
    }
}
