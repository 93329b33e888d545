namespace WebhookSignatures.Models.Infisical;

/// <summary>One requested permission: a subject and the actions on it.</summary>
public sealed class InfisicalPermissionRule
{
    /// <summary>The subject, such as <c>secrets</c> or <c>secret-folders</c>.</summary>
    public string? Subject { get; set; }

    /// <summary>The actions, such as <c>read</c> and <c>edit</c>.</summary>
    public IReadOnlyList<string>? Actions { get; set; }
}
