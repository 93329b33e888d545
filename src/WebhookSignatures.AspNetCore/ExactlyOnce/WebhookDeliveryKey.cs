using System.Runtime.InteropServices;

namespace WebhookSignatures.AspNetCore;

/// <summary>One delivery as the delivery store knows it: the registration that verified it and its signed identity.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookDeliveryKey
{
    /// <summary>Creates the value.</summary>
    /// <param name="registrationName">The registration name.</param>
    /// <param name="id">The identity from signed material (<see cref="WebhookVerificationResult.Identity"/>).</param>
    public WebhookDeliveryKey(string registrationName, WebhookDeliveryIdentity id)
    {
        RegistrationName = registrationName;
        Id = id;
    }

    /// <summary>The registration name.</summary>
    public string RegistrationName { get; }

    /// <summary>The identity from signed material (<see cref="WebhookVerificationResult.Identity"/>).</summary>
    public WebhookDeliveryIdentity Id { get; }

    /// <summary>The key as text, <c>&lt;registration&gt;:id:&lt;hex&gt;</c> or <c>&lt;registration&gt;:content:&lt;hex&gt;</c>; not secret.</summary>
    public override string ToString() => $"{RegistrationName}:{Id}";
}
