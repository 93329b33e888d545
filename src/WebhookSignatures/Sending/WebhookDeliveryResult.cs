using System.Net;

namespace WebhookSignatures.Sending;

/// <summary>How one delivery ended, after every attempt its client's retry policy made.</summary>
public sealed class WebhookDeliveryResult
{
    internal WebhookDeliveryResult(WebhookDeliveryOutcome outcome, HttpStatusCode? statusCode, int attempts, string? deliveryId, Exception? exception)
    {
        Outcome = outcome;
        StatusCode = statusCode;
        Attempts = attempts;
        DeliveryId = deliveryId;
        Exception = exception;
    }

    /// <summary>How the delivery ended.</summary>
    public WebhookDeliveryOutcome Outcome { get; }

    /// <summary>Whether the receiver took it (<see cref="WebhookDeliveryOutcome.Delivered"/>).</summary>
    public bool IsDelivered => Outcome == WebhookDeliveryOutcome.Delivered;

    /// <summary>The receiver's last answer, in whichever attempt it came; <see langword="null"/> when no attempt got one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How many attempts were sent (one without a retry policy); 0 when nothing was.</summary>
    public int Attempts { get; }

    /// <summary>
    /// The delivery id every attempt carried, for schemes that sign one (Standard Webhooks' <c>webhook-id</c>): the one
    /// asked for, or the one the scheme made. Keep it to send the same delivery again later.
    /// </summary>
    public string? DeliveryId { get; }

    /// <summary>Why there was no answer, for <see cref="WebhookDeliveryOutcome.Unreachable"/>, <see cref="WebhookDeliveryOutcome.AddressRefused"/> and <see cref="WebhookDeliveryOutcome.ResendRefused"/>.</summary>
    public Exception? Exception { get; }

    /// <inheritdoc />
    /// <remarks>The outcome, the last status and the attempts, such as <c>Delivered (200) after 3 attempts</c>.</remarks>
    public override string ToString() =>
        $"{Outcome}{(StatusCode is { } status ? $" ({(int)status})" : string.Empty)} after {Attempts} attempt{(Attempts == 1 ? string.Empty : "s")}";
}
