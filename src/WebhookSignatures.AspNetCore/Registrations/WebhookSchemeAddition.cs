namespace WebhookSignatures.AspNetCore;

/// <summary>A scheme an application added to its catalog with <see cref="WebhookSignaturesBuilder.AddScheme"/>, in the order added.</summary>
internal sealed class WebhookSchemeAddition(WebhookSchemeDescriptor scheme)
{
    public WebhookSchemeDescriptor Scheme { get; } = scheme;
}
