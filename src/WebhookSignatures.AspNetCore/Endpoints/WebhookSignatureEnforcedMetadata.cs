using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Marks an endpoint whose request delegate verifies its signature requirement, so it is not wrapped twice. It holds
/// the verifying delegate: an endpoint whose delegate was replaced afterwards is no longer taken as verified.
/// </summary>
internal sealed class WebhookSignatureEnforcedMetadata(RequestDelegate verifyingDelegate)
{
    /// <summary>Whether an endpoint being built verifies with its current delegate.</summary>
    public static bool IsEnforced(RequestDelegate? requestDelegate, IEnumerable<object> metadata) =>
        requestDelegate is not null && metadata.OfType<WebhookSignatureEnforcedMetadata>().Any(m => m._delegate == requestDelegate);

    /// <summary>Whether a built endpoint verifies with its current delegate; the metadata lookup is cached by routing.</summary>
    public static bool IsEnforced(Endpoint endpoint)
    {
        foreach (var marker in endpoint.Metadata.GetOrderedMetadata<WebhookSignatureEnforcedMetadata>())
        {
            if (endpoint.RequestDelegate is { } current && marker._delegate == current)
            {
                return true;
            }
        }

        return false;
    }

    private readonly RequestDelegate _delegate = verifyingDelegate;
}
