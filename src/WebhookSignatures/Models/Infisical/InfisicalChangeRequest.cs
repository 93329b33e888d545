using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>request</c> object of a <c>secrets.change-request.modified</c> event.</summary>
public sealed class InfisicalChangeRequest
{
    /// <summary>The request id.</summary>
    public string? Id { get; set; }

    /// <summary>The request's short readable name.</summary>
    public string? Slug { get; set; }

    /// <summary>A link to the request in Infisical.</summary>
    public string? Url { get; set; }

    /// <summary>The environment and path the change applies to.</summary>
    public InfisicalRequestTarget? Target { get; set; }

    /// <summary>The raw status: <c>open</c> or <c>close</c> (a closed request with <see cref="HasMerged"/> was merged).</summary>
    public string? Status { get; set; }

    /// <summary>Whether the change was merged.</summary>
    public bool? HasMerged { get; set; }

    /// <summary>Whether the policy was bypassed.</summary>
    public bool? IsBypassed { get; set; }

    /// <summary>The approval policy.</summary>
    public InfisicalApprovalPolicy? Policy { get; set; }

    /// <summary>Who asked for the change; <see langword="null"/> when that account was deleted.</summary>
    public InfisicalActor? RequestedBy { get; set; }

    /// <summary>When the request was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the request last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Members this model does not know, kept as JSON.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
