using Microsoft.AspNetCore.Builder;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>What <c>listen</c> adds to the receiver beyond verifying: request capture and its own routes.</summary>
internal sealed class ReceiverExtras
{
    /// <summary>Keeps each request's headers and exact body in <see cref="DeliveryRecord.Request"/>.</summary>
    public bool CaptureRequests { get; init; }

    /// <summary>Maps the tool's own routes, such as the inspector; mark them with <see cref="ToolRoute"/> so they are not recorded.</summary>
    public Action<WebApplication>? MapRoutes { get; init; }
}
