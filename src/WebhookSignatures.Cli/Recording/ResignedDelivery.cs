using System.Text.RegularExpressions;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Cli.Recording;

/// <summary>
/// <c>replay --resign</c>: signs a recorded body again as of now, keeping what identifies the delivery (the body, and
/// Standard Webhooks' <c>webhook-id</c>), so a receiver sees a fresh delivery of the same event. The old signature
/// headers are replaced; every other header is kept.
/// </summary>
internal static partial class ResignedDelivery
{
    /// <summary>Signs <paramref name="body"/> again; a scheme that signs the request line signs <paramref name="target"/>.</summary>
    public static (byte[] Body, List<KeyValuePair<string, string>> Headers) Create(
        WebhookScheme scheme, KeyRing keys, IReadOnlyList<RecordedHeader> recorded, byte[] body, WebhookRequestTarget target)
    {
        var replaced = new HashSet<string>(scheme.HeaderNames, StringComparer.OrdinalIgnoreCase);
        foreach (var name in scheme.HeaderNames.Where(n => n.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase)))
        {
            replaced.Add("svix-" + name["webhook-".Length..]);
        }

        string? messageId = null;
        if (scheme is StandardWebhooksSignature)
        {
            messageId = recorded.FirstOrDefault(h => string.Equals(h.Name, "webhook-id", StringComparison.OrdinalIgnoreCase)
                || string.Equals(h.Name, "svix-id", StringComparison.OrdinalIgnoreCase))?.Value;
        }

        // Infisical's signer appends the signed "timestamp" as the body's last member: the recorded one goes first.
        var unsigned = scheme is InfisicalSignature ? WithoutInfisicalTimestamp(body) : body;
        var signed = scheme.Sign(unsigned, keys, new WebhookSigningParameters { Target = target, DeliveryId = messageId });
        List<KeyValuePair<string, string>> headers = [.. recorded.Where(h => !replaced.Contains(h.Name)).Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];
        headers.AddRange(signed.Headers);
        return (signed.Body.ToArray(), headers);
    }

    private static byte[] WithoutInfisicalTimestamp(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var match = TrailingTimestamp().Match(text);
        return match.Success ? System.Text.Encoding.UTF8.GetBytes(text[..match.Index] + text[(match.Index + match.Length - match.Groups["close"].Length)..]) : body;
    }

    [GeneratedRegex("""(,\s*)?"timestamp"\s*:\s*-?[0-9]+\s*(?<close>\}\s*)$""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TrailingTimestamp();
}
