using Microsoft.AspNetCore.Builder;
using WebhookSignatures.Redis;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// What a <see cref="WebhookReceiver"/> listens on and how it treats deliveries: <c>listen</c> sets it from its options,
/// <c>demo</c> for its own run.
/// </summary>
internal sealed class ReceiverConfiguration
{
    /// <summary>Kestrel's URLs, separated by ';'.</summary>
    public required string Urls { get; init; }

    /// <summary>The paths and their schemes.</summary>
    public required IReadOnlyList<ReceiverEndpoint> Endpoints { get; init; }

    /// <summary>The catalog the endpoints name their schemes in; a scheme of one's own added to it is verified like any other.</summary>
    public required WebhookSchemeCatalog Schemes { get; init; }

    /// <summary>The replay window of timestamped schemes.</summary>
    public required TimeSpan Tolerance { get; init; }

    /// <summary>Whether a delivery's handler runs once however often it comes (a duplicate is acknowledged); default true.</summary>
    public bool ExactlyOnce { get; init; } = true;

    /// <summary>A Redis <c>host:port</c> for exactly-once handling shared by several receivers, or null for memory.</summary>
    public string? Redis { get; init; }

    /// <summary>How long a reservation holds without being renewed, or null for the library's default.</summary>
    public TimeSpan? Lease { get; init; }

    /// <summary>Sets the Redis store's options beyond its configuration string (replicated completion, accepted durability).</summary>
    public Action<RedisWebhookDeliveryStoreOptions>? RedisOptions { get; init; }

    /// <summary>Where verified first-time deliveries are posted (<c>--forward-to</c>), or null to answer 204 here.</summary>
    public Uri? ForwardTo { get; init; }

    /// <summary>Keeps each request's headers and exact body in <see cref="DeliveryRecord.Request"/>.</summary>
    public bool CaptureRequests { get; init; }

    /// <summary>Maps the tool's own routes, such as the inspector; mark them with <see cref="ToolRoute"/> so they are not recorded.</summary>
    public Action<WebApplication>? MapRoutes { get; init; }
}
