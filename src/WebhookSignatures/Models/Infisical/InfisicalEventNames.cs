namespace WebhookSignatures.Models.Infisical;

/// <summary>The <c>event</c> names Infisical writes in the body of general (JSON) project webhooks.</summary>
public static class InfisicalEventNames
{
    /// <summary>A secret was added, changed or deleted: <c>secrets.modified</c>.</summary>
    public const string SecretsModified = "secrets.modified";

    /// <summary>A secret's reminder came due: <c>secrets.reminder-expired</c>.</summary>
    public const string SecretReminderExpired = "secrets.reminder-expired";

    /// <summary>A secret rotation failed: <c>secrets.rotation-failed</c>.</summary>
    public const string SecretRotationFailed = "secrets.rotation-failed";

    /// <summary>Someone used a honey token: <c>honey-token.triggered</c>.</summary>
    public const string HoneyTokenTriggered = "honey-token.triggered";

    /// <summary>A secret change request was created, reviewed, closed, reopened or merged: <c>secrets.change-request.modified</c>.</summary>
    public const string ChangeRequestModified = "secrets.change-request.modified";

    /// <summary>An access request changed state: <c>secrets.access-request.modified</c>.</summary>
    public const string AccessRequestModified = "secrets.access-request.modified";

    /// <summary>The test delivery sent from the webhook settings page: <c>test</c>.</summary>
    public const string Test = "test";
}
