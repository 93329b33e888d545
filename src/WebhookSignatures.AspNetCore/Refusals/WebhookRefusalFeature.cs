namespace WebhookSignatures.AspNetCore;

/// <summary>The refusal set on a request the verifier answered itself.</summary>
internal sealed record WebhookRefusalFeature(string RegistrationName, WebhookRefusalReason Reason, WebhookFailureReason FailureReason) : IWebhookRefusalFeature;
