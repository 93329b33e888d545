namespace WebhookSignatures.Cli.Output;

/// <summary>The object <c>sign --json</c> prints: the headers to send and the exact body to send.</summary>
/// <param name="Headers">Header names and values, in the order the scheme wrote them.</param>
/// <param name="Body">The exact body to send, as UTF-8 text.</param>
internal sealed record SignReport(IReadOnlyDictionary<string, string> Headers, string Body);
