namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// A delivery checked as <c>verify</c> checks it: the verdict, the event it names and the hints that explain it.
/// The inspector shows the same, so a delivery reads alike in the browser and in the terminal.
/// </summary>
/// <param name="Result">The library's verdict.</param>
/// <param name="EventName">The event the headers or body name, or null.</param>
/// <param name="Hints">What explains the verdict, most useful first.</param>
internal sealed record DeliveryVerdict(WebhookVerificationResult Result, string? EventName, List<string> Hints)
{
    /// <summary>
    /// Verifies <paramref name="body"/> with <paramref name="scheme"/> of <paramref name="schemes"/>, as it arrived on
    /// <paramref name="target"/> (what the schemes that sign the request line need), and explains the result.
    /// </summary>
    public static DeliveryVerdict Check(WebhookSchemeCatalog schemes, WebhookScheme scheme, IWebhookHeaders headers, byte[] body, KeyRing keys, IReadOnlyList<string> secrets, WebhookRequestTarget target)
    {
        var result = scheme.Verify(new WebhookDelivery(headers, body, target), keys, WebhookReadParts.Description);
        var eventName = result.Description.EventName;
        return new DeliveryVerdict(result, eventName, VerificationHints.Explain(new CheckedDelivery(schemes, scheme, headers, body, keys, secrets, target), result));
    }
}
