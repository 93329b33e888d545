using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>request</c> object of a <c>secrets.access-request.modified</c> event.</summary>
public sealed class InfisicalAccessRequest
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal InfisicalAccessRequest()
    {
    }

    /// <summary>The request id.</summary>
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>A link to the request in Infisical.</summary>
    [JsonInclude]
    public string? Url { get; internal set; }

    /// <summary>The status, such as <c>pending</c>, <c>approved</c> or <c>rejected</c>.</summary>
    [JsonInclude]
    public string? Status { get; internal set; }

    /// <summary>Whether the policy was bypassed.</summary>
    [JsonInclude]
    public bool? IsBypassed { get; internal set; }

    /// <summary>The approval policy.</summary>
    [JsonInclude]
    public InfisicalApprovalPolicy? Policy { get; internal set; }

    /// <summary>What access was asked for.</summary>
    [JsonInclude]
    public InfisicalRequestedAccess? RequestedAccess { get; internal set; }

    /// <summary>Who asked; <see langword="null"/> when that account was deleted.</summary>
    [JsonInclude]
    public InfisicalActor? RequestedBy { get; internal set; }

    /// <summary>When temporary access ends.</summary>
    [JsonInclude]
    public DateTimeOffset? ExpiresAt { get; internal set; }

    /// <summary>When the request was approved.</summary>
    [JsonInclude]
    public DateTimeOffset? ApprovedAt { get; internal set; }

    /// <summary>When granted access was revoked.</summary>
    [JsonInclude]
    public DateTimeOffset? RevokedAt { get; internal set; }

    /// <summary>When the request was created.</summary>
    [JsonInclude]
    public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the request last changed.</summary>
    [JsonInclude]
    public DateTimeOffset? UpdatedAt { get; internal set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
