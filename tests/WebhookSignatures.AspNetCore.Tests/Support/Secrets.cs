namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>The test applications' secrets; each is looked for in logs and responses.</summary>
public static class Secrets
{
    public const string Infisical = "infisical-current-secret-0001";
    public const string InfisicalPrevious = "infisical-previous-secret-001";
    public const string Snyk = "snyk-webhook-secret-000000001";
    public const string GitHub = "github-webhook-secret-0000001";
    public const string Unknown = "nobody-knows-this-secret-0001";

    public static IReadOnlyList<string> All => [Infisical, InfisicalPrevious, Snyk, GitHub];
}
