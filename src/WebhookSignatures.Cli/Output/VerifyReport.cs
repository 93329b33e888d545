namespace WebhookSignatures.Cli.Output;

/// <summary>The object <c>verify --json</c> prints; its shape is a contract that scripts rely on.</summary>
/// <param name="Valid">Whether the delivery verified.</param>
/// <param name="Scheme">The scheme name.</param>
/// <param name="Reason">The failure's vocabulary name, or null when valid.</param>
/// <param name="MatchedSecretIndex">The ring position of the secret that matched (0 = current), or null.</param>
/// <param name="TimestampUnixMs">The signed timestamp, or null.</param>
/// <param name="Event">The event name the payload or headers give, or null.</param>
internal sealed record VerifyReport(bool Valid, string Scheme, string? Reason, int? MatchedSecretIndex, long? TimestampUnixMs, string? Event);
