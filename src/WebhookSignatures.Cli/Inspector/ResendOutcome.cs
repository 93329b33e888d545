namespace WebhookSignatures.Cli.Inspector;

/// <summary>What the inspector's resend answers the page: the receiver's status, or why nothing was sent.</summary>
/// <param name="Status">The status the receiver answered the resent delivery with, or null.</param>
/// <param name="Error">Why it was not resent, or null.</param>
internal sealed record ResendOutcome(int? Status, string? Error);
