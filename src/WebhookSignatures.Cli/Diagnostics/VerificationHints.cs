namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// Explains a verdict, most useful first: which secret matched, how far outside the window a timestamp lies, and, for
/// a mismatch, what most often changed the bytes or the secret, or which other scheme's format the headers follow.
/// Every hint that claims a cause is checked with the library's own verifier.
/// </summary>
internal static class VerificationHints
{
    /// <summary>The hints for <paramref name="result"/>, the verdict on <paramref name="delivery"/>.</summary>
    public static List<string> Explain(CheckedDelivery delivery, in WebhookVerificationResult result)
    {
        var hints = new List<string>();
        if (SecretHints.WhichMatched(delivery, result) is { } matched)
        {
            hints.Add(matched);
        }

        switch (result.FailureReason)
        {
            case WebhookFailureReason.TimestampTooOld or WebhookFailureReason.TimestampTooNew:
                hints.AddRange(TimestampHints.OutsideWindow(delivery, result));
                break;
            case WebhookFailureReason.TimestampNotSigned:
                hints.Add(TimestampHints.NotSigned(delivery));
                break;
            case WebhookFailureReason.SignatureMismatch:
                hints.AddRange(ExplainMismatch(delivery));
                break;
            case WebhookFailureReason.MalformedSignature when SignatureEncodingHints.Matching(delivery).ToList() is [_, ..] encoding:
                hints.AddRange(encoding);
                break;
            case WebhookFailureReason.MissingSignature or WebhookFailureReason.MalformedSignature:
                hints.Add(FormatHints.HeadersRead(delivery));
                hints.AddRange(FormatHints.OtherSchemes(delivery));
                break;
            case WebhookFailureReason.UnsupportedAlgorithm:
                hints.Add(FormatHints.UnsupportedAlgorithm(delivery));
                hints.AddRange(FormatHints.OtherSchemes(delivery));
                break;
            case WebhookFailureReason.NoSecrets:
                hints.Add(SecretHints.NoSecrets);
                break;
        }

        return hints;
    }

    /// <summary>
    /// Each finds a change that, undone, makes the signature verify: a cause, not a guess. For a scheme that signs the
    /// request line, the URL is tried first: a proxy's or a framework's rewrite of it is the likeliest cause there.
    /// </summary>
    private static readonly Func<CheckedDelivery, IEnumerable<string>>[] Causes =
    [
        RequestUrlHints.Matching,
        BodyAlterationHints.Matching,
        SecretHints.MatchingWhenTrimmed,
        SecretHints.MatchingWithStripePrefix,
        SignatureEncodingHints.Matching,
    ];

    /// <summary>A change that makes the signature match is the answer; without one, the likely causes and what to check.</summary>
    private static List<string> ExplainMismatch(CheckedDelivery delivery)
    {
        List<string> explained = [.. Causes.SelectMany(cause => cause(delivery))];
        return explained.Count > 0
            ? explained
            : [.. BodyAlterationHints.Suspected(delivery), SecretHints.CheckSecretAndBody(delivery), .. FormatHints.OtherSchemes(delivery)];
    }
}
