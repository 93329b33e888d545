using Microsoft.EntityFrameworkCore;

namespace WebhookSignatures.EntityFrameworkCore;

/// <summary>
/// A save or a commit within a webhook delivery's handler was refused because the delivery's reservation was lost: its
/// lease ran out and another attempt reserved or completed the delivery. Nothing of the refused transaction commits; the
/// other attempt's work is the delivery's.
/// </summary>
public sealed class WebhookDeliveryLostException : DbUpdateException
{
    /// <summary>Creates the exception with a message of its own.</summary>
    public WebhookDeliveryLostException()
        : this("The webhook delivery's reservation was lost to another attempt; this transaction does not commit.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public WebhookDeliveryLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">What caused it.</param>
    public WebhookDeliveryLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
