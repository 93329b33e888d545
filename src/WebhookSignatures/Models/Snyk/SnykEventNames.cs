namespace WebhookSignatures.Models.Snyk;

/// <summary>The event names Snyk sends in <c>X-Snyk-Event</c> (before the <c>/</c> and version).</summary>
public static class SnykEventNames
{
    /// <summary>Sent when a webhook is created or pinged: <c>ping</c>.</summary>
    public const string Ping = "ping";

    /// <summary>Sent after every test of a project: <c>project_snapshot</c>.</summary>
    public const string ProjectSnapshot = "project_snapshot";
}
