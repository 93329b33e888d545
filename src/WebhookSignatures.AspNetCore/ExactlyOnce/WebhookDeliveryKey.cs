using System.Runtime.InteropServices;

namespace WebhookSignatures.AspNetCore;

/// <summary>One delivery as the delivery store knows it: the registration that verified it and its signed identity.</summary>
/// <param name="RegistrationName">The registration name.</param>
/// <param name="Id">The identity from signed material (<see cref="WebhookScheme.IdentifyDelivery(IWebhookHeaders, ReadOnlySpan{byte}, in WebhookVerificationResult, WebhookRequestTarget)"/>).</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryKey(string RegistrationName, WebhookDeliveryId Id)
{
    /// <summary>The key as text, <c>&lt;registration&gt;:id:&lt;hex&gt;</c> or <c>&lt;registration&gt;:content:&lt;hex&gt;</c>; not secret.</summary>
    public override string ToString() => $"{RegistrationName}:{Id}";
}
