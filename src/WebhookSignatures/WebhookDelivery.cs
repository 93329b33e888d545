using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// One delivery as a receiver got it, the one input every scheme reads: its headers, its body byte for byte, and the
/// request line it arrived on (the method and the URL the sender called), which the schemes that sign it need.
/// </summary>
/// <remarks>
/// Pass <see cref="WebhookRequestTarget.None"/> (the default) where the request line is unknown: schemes that sign it
/// (<see cref="WebhookScheme.SignsRequestTarget"/>) then fail closed with <see cref="WebhookFailureReason.MissingRequestUrl"/>,
/// and the others never read it. A body held in several buffers or in a stream is read into one with
/// <see cref="WebhookBody"/>.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly ref struct WebhookDelivery
{
    /// <summary>Creates the input.</summary>
    /// <param name="headers">The delivery's headers.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="target">The method and the URL the sender called; <see cref="WebhookRequestTarget.None"/> when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    public WebhookDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, WebhookRequestTarget target = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Headers = headers;
        Body = body;
        Target = target;
    }

    /// <summary>The delivery's headers.</summary>
    public IWebhookHeaders Headers { get; }

    /// <summary>The raw body, byte for byte as received.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>The method and the URL the sender called; <see cref="WebhookRequestTarget.None"/> when unknown.</summary>
    public WebhookRequestTarget Target { get; }
}
