using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>Hints about the secrets: which one matched, none given, or one that matches without its padding.</summary>
internal static class SecretHints
{
    private const string StripePrefix = "whsec_";

    public const string NoSecrets = "No secret was given: pass --secret or --secret-env. Verification fails closed without one.";

    /// <summary>Names the secret (or public key) that matched, and what to do when it is an older one.</summary>
    public static string? WhichMatched(CheckedDelivery delivery, in WebhookVerificationResult result) => result.MatchedKeyIndex switch
    {
        null => null,
        0 => $"The current {Noun(delivery, 0)} (#0 of {delivery.Keys.Count}) matched.",
        int index => $"An older {Noun(delivery, index)} (#{index} of {delivery.Keys.Count}) matched: the sender still signs with it. Move the sender to the current {Noun(delivery, 0)} (#0) before dropping #{index}.",
    };

    // A public key verifies and is no secret; the hint says which kind matched.
    private static string Noun(CheckedDelivery delivery, int index) =>
        index < delivery.Keys.Count && delivery.Keys.GetKind(index) == WebhookKeyKind.Ed25519PublicKey ? "public key" : "secret";

    /// <summary>Each given secret with leading or trailing whitespace that, trimmed, produces the signature.</summary>
    public static IEnumerable<string> MatchingWhenTrimmed(CheckedDelivery delivery)
    {
        for (var i = 0; i < delivery.Secrets.Count; i++)
        {
            var secret = delivery.Secrets[i];
            var trimmed = secret.Trim();
            if (trimmed.Length == secret.Length || trimmed.Length == 0)
            {
                continue;
            }

            using var trimmedKeys = CheckedDelivery.TryCreateKeyRing(delivery.Scheme, [trimmed]);
            if (trimmedKeys is not null && delivery.SignatureMatches(delivery.Scheme, delivery.Body, trimmedKeys))
            {
                yield return $"Secret #{i} has leading or trailing whitespace; without it, it matches. Check how the secret was copied or stored.";
            }
        }
    }

    /// <summary>
    /// Each given Stripe secret without the <c>whsec_</c> prefix that matches with it: Stripe's MAC is keyed with the
    /// whole secret string, prefix included, so a secret copied without it never matches.
    /// </summary>
    public static IEnumerable<string> MatchingWithStripePrefix(CheckedDelivery delivery)
    {
        if (delivery.Scheme is not StripeSignature)
        {
            yield break;
        }

        for (var i = 0; i < delivery.Secrets.Count; i++)
        {
            var secret = delivery.Secrets[i].Trim();
            if (secret.StartsWith(StripePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var prefixed = CheckedDelivery.TryCreateKeyRing(delivery.Scheme, [StripePrefix + secret]);
            if (prefixed is not null && delivery.SignatureMatches(delivery.Scheme, delivery.Body, prefixed))
            {
                yield return $"Secret #{i} matches with the {StripePrefix} prefix in front: Stripe signs with the whole secret string, {StripePrefix} included. Pass it as shown in Stripe's dashboard.";
            }
        }
    }

    public static string CheckSecretAndBody(CheckedDelivery delivery) =>
        $"Check that the secret is the sender's ({delivery.Keys.Count} tried) and that the body is the one that was signed, byte for byte.";
}
