using System.Buffers.Text;
using System.Text.RegularExpressions;

namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// Recognises a MAC in the wrong text encoding: hex where the scheme expects base64 (Standard Webhooks), or base64
/// where it expects hex (the others). Each long hex or base64 token of the scheme's headers is rewritten in the other
/// encoding and the delivery verified again; only a rewrite that verifies is named.
/// </summary>
internal static partial class SignatureEncodingHints
{
    public static IEnumerable<string> Matching(CheckedDelivery delivery)
    {
        foreach (var name in delivery.Scheme.HeaderNames)
        {
            if (delivery.Headers.GetValue(name) is not { } value)
            {
                continue;
            }

            foreach (Match token in Token().Matches(value))
            {
                foreach (var (rewritten, found, expected) in Rewrites(token.Value))
                {
                    var headers = new ReplacedHeader(delivery.Headers, name, string.Concat(value.AsSpan(0, token.Index), rewritten, value.AsSpan(token.Index + token.Length)));
                    var result = delivery.Scheme.Verify(new WebhookDelivery(headers, delivery.Body, delivery.Target), delivery.Keys);
                    if (result.IsValid || result.MatchedKeyIndex.HasValue)
                    {
                        yield return $"The signature in {name} is {found}, but the {delivery.Scheme.Name} scheme expects {expected}: written as {expected} it matches. The sender (or a proxy) encodes the MAC as {found}.";
                        yield break;
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Rewritten, string Found, string Expected)> Rewrites(string token)
    {
        if (token.Length % 2 == 0 && token.All(char.IsAsciiHexDigit))
        {
            yield return (Convert.ToBase64String(Convert.FromHexString(token)), "hex", "base64");
        }

        if (token.Length % 4 == 0 && Base64.IsValid(token, out var length) && length >= 16)
        {
            var bytes = Convert.FromBase64String(token);
            yield return (Convert.ToHexStringLower(bytes), "base64", "hex");
        }
    }

    // Long runs of base64 characters (hex is a subset), with their padding.
    [GeneratedRegex("[A-Za-z0-9+/]{20,}={0,2}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();

    /// <summary>The delivery's headers with one value replaced.</summary>
    private sealed class ReplacedHeader(IWebhookHeaders headers, string name, string value) : IWebhookHeaders
    {
        public string? GetValue(string header) => string.Equals(header, name, StringComparison.OrdinalIgnoreCase) ? value : headers.GetValue(header);
    }
}
