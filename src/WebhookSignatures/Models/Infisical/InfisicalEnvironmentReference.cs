namespace WebhookSignatures.Models.Infisical;

/// <summary>An environment as requests name it.</summary>
public sealed class InfisicalEnvironmentReference
{
    /// <summary>The display name, such as <c>Production</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The slug, such as <c>prod</c>.</summary>
    public string? Slug { get; set; }
}
