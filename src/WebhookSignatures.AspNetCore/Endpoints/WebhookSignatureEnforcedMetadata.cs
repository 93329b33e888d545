using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Marks an endpoint whose request delegate verifies its signature requirement, so it is not wrapped twice. It holds
/// the verifying delegate: an endpoint whose delegate was replaced afterwards is no longer taken as verified.
/// </summary>
internal sealed class WebhookSignatureEnforcedMetadata(RequestDelegate verifyingDelegate)
{
    public static bool IsEnforced(RequestDelegate? requestDelegate, IEnumerable<object> metadata) =>
        requestDelegate is not null && metadata.OfType<WebhookSignatureEnforcedMetadata>().Any(m => m._delegate == requestDelegate);

    private readonly RequestDelegate _delegate = verifyingDelegate;
}
