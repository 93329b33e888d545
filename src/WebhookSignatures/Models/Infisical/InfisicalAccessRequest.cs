using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>request</c> object of a <c>secrets.access-request.modified</c> event.</summary>
public sealed class InfisicalAccessRequest
{
    /// <summary>The request id.</summary>
    public string? Id { get; set; }

    /// <summary>A link to the request in Infisical.</summary>
    public string? Url { get; set; }

    /// <summary>The status, such as <c>pending</c>, <c>approved</c> or <c>rejected</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Whether the policy was bypassed.</summary>
    public bool? IsBypassed { get; set; }

    /// <summary>The approval policy.</summary>
    public InfisicalApprovalPolicy? Policy { get; set; }

    /// <summary>What access was asked for.</summary>
    public InfisicalRequestedAccess? RequestedAccess { get; set; }

    /// <summary>Who asked; <see langword="null"/> when that account was deleted.</summary>
    public InfisicalActor? RequestedBy { get; set; }

    /// <summary>When temporary access ends.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When the request was approved.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>When granted access was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the request was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the request last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
