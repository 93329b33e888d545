namespace WebhookSignatures;

/// <summary>Where a <see cref="WebhookDeliveryIdentity"/> comes from.</summary>
public enum WebhookDeliveryIdentitySource
{
    /// <summary>The empty identity.</summary>
    None = 0,

    /// <summary>An identifier covered by the signature (Standard Webhooks <c>webhook-id</c>, a signed body's event <c>id</c>).</summary>
    SignedId = 1,

    /// <summary>Exactly the bytes the MAC covers: the signed prefix, the content (usually the body) and any signed suffix.</summary>
    SignedContent = 2,
}
