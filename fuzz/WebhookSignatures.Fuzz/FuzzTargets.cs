using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Fuzz;

/// <summary>
/// What each fuzz target feeds the library. An input is a header value, a newline, then the body.
/// A target fails (crashes, for the fuzzer) when the library throws or accepts a forged delivery.
/// </summary>
public static class FuzzTargets
{
    // Created on first use: instrumented library code must not run before the fuzzer's shared memory is set up.
    private static KeyRing? s_keys;

    private static KeyRing Keys => s_keys ??= KeyRing.FromSecrets("fuzzing-secret-0123456789abcdef");

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["headers"] = VerifyEveryScheme,
    };

    /// <summary>Every scheme's header parser and verifier, plus its delivery description.</summary>
    public static void VerifyEveryScheme(byte[] input)
    {
        var (header, body) = Split(input);
        var headers = new WebhookHeaders();
        foreach (var scheme in Schemes)
        {
            foreach (var name in scheme.HeaderNames)
            {
                if (headers.GetValue(name) is null)
                {
                    headers.Add(name, header);
                }
            }
        }

        foreach (var scheme in Schemes)
        {
            var result = scheme.Verify(headers, body, Keys);
            if (result.IsValid)
            {
                throw new InvalidOperationException($"{scheme.Name} accepted a delivery signed with no key.");
            }

            _ = scheme.DescribeDelivery(headers, body);
        }
    }

    private static IEnumerable<WebhookScheme> Schemes =>
    [
        InfisicalSignature.Default,
        InfisicalAlertSignature.Default,
        HubSignature.Snyk,
        HubSignature.GitHub,
        HubSha1Signature.GitHub,
        StandardWebhooksSignature.Default,
        StripeSignature.Default,
    ];

    private static (string Header, byte[] Body) Split(byte[] input)
    {
        var newline = Array.IndexOf(input, (byte)'\n');
        return newline < 0
            ? (Encoding.UTF8.GetString(input), [])
            : (Encoding.UTF8.GetString(input, 0, newline), input[(newline + 1)..]);
    }
}
