namespace WebhookSignatures.Models.Infisical;

/// <summary>The access an access request asks for.</summary>
public sealed class InfisicalRequestedAccess
{
    /// <summary>The environment and path (a glob) the access covers.</summary>
    public InfisicalRequestTarget? Target { get; set; }

    /// <summary>Whether the access is temporary.</summary>
    public bool? IsTemporary { get; set; }

    /// <summary>How long temporary access lasts, such as <c>1h</c>.</summary>
    public string? TemporaryRange { get; set; }

    /// <summary>The permissions asked for.</summary>
    public IReadOnlyList<InfisicalPermissionRule>? Permissions { get; set; }
}
