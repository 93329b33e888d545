namespace WebhookSignatures.Sending;

/// <summary>How a delivery ended, from <see cref="WebhookSender.DeliverAsync"/>: what the caller does next.</summary>
public enum WebhookDeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 0,

    /// <summary>
    /// The receiver answered <c>410 Gone</c>: the endpoint no longer takes deliveries. Retries stop at once; disable
    /// the endpoint rather than send to it again.
    /// </summary>
    EndpointGone = 1,

    /// <summary>
    /// The receiver's last answer was not 2xx: a 3xx (never followed), a 4xx that retrying does not change, or a 429 or
    /// 5xx still there when the retries ran out. <see cref="WebhookDeliveryResult.StatusCode"/> says which.
    /// </summary>
    Failed = 2,

    /// <summary>No answer on the last attempt: the connection failed or the attempt timed out.</summary>
    Unreachable = 3,

    /// <summary>The receiver's address is internal and not allowed (<see cref="WebhookAddressRefusedException"/>); nothing was sent.</summary>
    AddressRefused = 4,

    /// <summary>
    /// A later attempt was not sent because it would have been a new delivery to the receiver
    /// (<see cref="WebhookResendRefusedException"/>); the earlier attempts failed.
    /// </summary>
    ResendRefused = 5,
}
