using System.Text;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Models.Snyk;

namespace WebhookSignatures.Fuzz;

/// <summary>
/// What each fuzz target feeds the library. An input is three header values on three lines, then the body;
/// a scheme's n-th header gets line n mod 3 (so Standard Webhooks gets id, timestamp and signature).
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
        ["payloads"] = ParseEveryPayload,
    };

    /// <summary>Every scheme's header parser and verifier, plus its delivery description.</summary>
    public static void VerifyEveryScheme(byte[] input)
    {
        var (lines, body) = Split(input);
        var headers = new WebhookHeaders();
        foreach (var scheme in Schemes)
        {
            for (var i = 0; i < scheme.HeaderNames.Count; i++)
            {
                if (headers.GetValue(scheme.HeaderNames[i]) is null)
                {
                    headers.Add(scheme.HeaderNames[i], lines[i % lines.Length]);
                }
            }
        }

        foreach (var scheme in Schemes)
        {
            var result = scheme.Verify(headers, body, Keys, Target);
            if (result.IsValid)
            {
                throw new InvalidOperationException($"{scheme.Name} accepted a delivery signed with no key.");
            }

            _ = scheme.DescribeDelivery(headers, body);
            _ = scheme.IdentifyDelivery(headers, body, WebhookVerificationResult.Success(0, default), Target);
            _ = scheme.AnswerHandshake(headers, body, Keys, WebhookVerificationResult.Success(0, default));
        }
    }

    /// <summary>The Infisical and Snyk payload parsers: any bytes give a result, never an exception.</summary>
    public static void ParseEveryPayload(byte[] input)
    {
        var (lines, body) = Split(input);
        var infisical = InfisicalWebhookParser.Parse(body);
        var snyk = SnykWebhookParser.Parse(lines[0], body);
        if ((infisical.IsSuccess && infisical.Value is null) || (snyk.IsSuccess && snyk.Value is null))
        {
            throw new InvalidOperationException("A successful parse returned no value.");
        }
    }

    // Every scheme the tool and the registrations know, Ed25519 ones included, with its defaults.
    private static IEnumerable<WebhookScheme> Schemes => Ed25519SchemeCatalog.All.Select(row => row.Default);

    private static readonly WebhookRequestTarget Target = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/in?bodySHA256=00"));

    private static (string[] Lines, byte[] Body) Split(byte[] input)
    {
        var lines = new string[3];
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var newline = start < input.Length ? Array.IndexOf(input, (byte)'\n', start) : -1;
            var end = newline < 0 ? input.Length : newline;
            lines[i] = Encoding.UTF8.GetString(input, start, Math.Max(0, end - start));
            start = Math.Min(input.Length, end + 1);
        }

        return (lines, input[start..]);
    }
}
