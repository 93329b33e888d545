namespace WebhookSignatures.AspNetCore;

/// <summary>A registration's scheme and key ring built from one snapshot of its options.</summary>
internal sealed class ActiveWebhookRegistration(string name, WebhookSignatureOptions options, WebhookScheme scheme, KeyRing keys)
{
    public string Name { get; } = name;

    public WebhookSignatureOptions Options { get; } = options;

    public WebhookScheme Scheme { get; } = scheme;

    public KeyRing Keys { get; } = keys;
}
