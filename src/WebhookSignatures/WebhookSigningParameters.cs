using System.Runtime.InteropServices;

namespace WebhookSignatures;

/// <summary>
/// What a signature may cover besides the body: the request line (for the schemes that sign it), the time to sign and
/// the delivery id (for the schemes that sign one). <c>default</c> signs now, with a generated id, and no request line.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookSigningParameters
{
    /// <summary>
    /// The method and the URL the delivery is sent to, exactly as the receiver will see them; required by the schemes
    /// that sign the request line (<see cref="WebhookScheme.SignsRequestTarget"/>), ignored by the others.
    /// </summary>
    public WebhookRequestTarget Target { get; init; }

    /// <summary>The time to sign; the scheme's <see cref="WebhookScheme.TimeProvider"/> now when <see langword="null"/>.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>
    /// The delivery id, for schemes that sign one (Standard Webhooks' <c>webhook-id</c>, Twitch's message id): keep it
    /// across a delivery's attempts so the receiver sees one delivery. Generated when <see langword="null"/>.
    /// </summary>
    public string? DeliveryId { get; init; }
}
