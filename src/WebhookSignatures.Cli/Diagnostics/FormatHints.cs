namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// Hints about the headers' format: what the scheme reads, and another scheme of the tool whose format the headers
/// follow, found by verifying the delivery with that scheme.
/// </summary>
internal static class FormatHints
{
    public static string HeadersRead(CheckedDelivery delivery) =>
        $"The {delivery.Scheme.Name} scheme reads {string.Join(", ", delivery.Scheme.HeaderNames)}.";

    public static string UnsupportedAlgorithm(CheckedDelivery delivery) =>
        $"The signature is labelled with an algorithm the {delivery.Scheme.Name} scheme does not accept (it accepts HMAC-SHA256 only).";

    /// <summary>
    /// Each other scheme the tool accepts that parses these headers, with its verdict under the given secrets (those the
    /// scheme cannot read as secrets are skipped): a signature in another scheme's format is not malformed there.
    /// </summary>
    public static IEnumerable<string> OtherSchemes(CheckedDelivery delivery)
    {
        foreach (var descriptor in delivery.Schemes.Accepted())
        {
            if (descriptor.Name == delivery.Scheme.Name)
            {
                continue;
            }

            var other = descriptor.Create(delivery.Options);
            using var keys = CheckedDelivery.TryCreateKeyRing(other, delivery.Secrets);
            if (keys is null)
            {
                continue;
            }

            var result = other.Verify(new WebhookDelivery(delivery.Headers, delivery.Body, delivery.Target), keys);
            if (result.FailureReason is not (WebhookFailureReason.MissingSignature or WebhookFailureReason.MalformedSignature or WebhookFailureReason.NoSecrets))
            {
                var verdict = result.IsValid ? "and verify with it" : $"({result.FailureReason} with it)";
                yield return $"The headers follow the {descriptor.Name} scheme's format ({string.Join(", ", other.HeaderNames)}) {verdict}: try --scheme {descriptor.Name}.";
            }
        }
    }
}
