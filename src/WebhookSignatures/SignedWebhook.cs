namespace WebhookSignatures;

/// <summary>A delivery ready to send: the exact body bytes and the headers that sign them.</summary>
public sealed class SignedWebhook
{
    /// <summary>Creates a signed delivery.</summary>
    /// <param name="body">The exact bytes to send.</param>
    /// <param name="headers">The signature headers to send with them.</param>
    /// <param name="timestampUnixMs">The signed timestamp in Unix milliseconds, if the scheme signs one.</param>
    /// <param name="deliveryId">The delivery id the signature covers, if the scheme signs one.</param>
    public SignedWebhook(ReadOnlyMemory<byte> body, WebhookHeaders headers, long? timestampUnixMs, string? deliveryId = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Body = body;
        Headers = headers;
        TimestampUnixMs = timestampUnixMs;
        DeliveryId = deliveryId;
    }

    /// <summary>
    /// The exact bytes to send. Send these, not a re-serialization: the signature covers them byte for byte.
    /// For Infisical this is the input with the signed timestamp appended.
    /// </summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The headers to send.</summary>
    public WebhookHeaders Headers { get; }

    /// <summary>The signed timestamp in Unix milliseconds, when the scheme signs one.</summary>
    public long? TimestampUnixMs { get; }

    /// <summary>
    /// The delivery id the signature covers (Standard Webhooks' <c>webhook-id</c>, Twitch's message id), the one given
    /// in <see cref="WebhookSigningParameters.DeliveryId"/> or the one generated; <see langword="null"/> when the scheme
    /// signs none. Sign a delivery's later attempts with it so the receiver sees one delivery.
    /// </summary>
    public string? DeliveryId { get; }
}
