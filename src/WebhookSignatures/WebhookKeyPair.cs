namespace WebhookSignatures;

/// <summary>
/// A new asymmetric key pair in a scheme's own form, from <see cref="WebhookSchemeDescriptor.GenerateKeyPair"/>: the
/// private key signs (keep it secret, as a sender's secret), the public key verifies (give it to receivers).
/// </summary>
/// <remarks><see cref="ToString"/> shows the public key only.</remarks>
public sealed class WebhookKeyPair
{
    internal WebhookKeyPair(string privateKey, string publicKey)
    {
        PrivateKey = privateKey;
        PublicKey = publicKey;
    }

    /// <summary>The private key, such as <c>whsk_…</c> for Standard Webhooks or 128 hex characters for Discord.</summary>
    public string PrivateKey { get; }

    /// <summary>The public key, such as <c>whpk_…</c> for Standard Webhooks or 64 hex characters for Discord.</summary>
    public string PublicKey { get; }

    /// <summary>The public key, never the private one.</summary>
    public override string ToString() => $"{nameof(WebhookKeyPair)} (public key {PublicKey})";
}
