namespace WebhookSignatures.Cli.Receiving;

/// <summary>One path of the receiver and the scheme and secrets that guard it.</summary>
/// <param name="Path">The route, such as <c>/</c> or <c>/webhooks/github</c>.</param>
/// <param name="SchemeName">A scheme's name in the receiver's <see cref="ReceiverConfiguration.Schemes"/>.</param>
/// <param name="Secrets">The accepted secrets, current first.</param>
internal sealed record ReceiverEndpoint(string Path, string SchemeName, IReadOnlyList<string> Secrets);
