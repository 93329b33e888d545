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

    /// <summary>
    /// Every scheme's header parser and verifier on what arrived (never valid, never a part); then the body signed by each
    /// scheme that can sign it, with the input's lines as its unsigned headers, read with every part (always valid): the
    /// description, identity and handshake readers see any body a sender may sign.
    /// </summary>
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
            var result = scheme.Verify(new WebhookDelivery(headers, body, Target), Keys, WebhookReadParts.All);
            if (result.IsValid)
            {
                throw new InvalidOperationException($"{scheme.Name} accepted a delivery signed with no key.");
            }

            if (!result.Identity.IsEmpty || result.Description != default || result.Handshake is not null)
            {
                throw new InvalidOperationException($"{scheme.Name} read a part of a delivery that did not verify.");
            }

        }

        foreach (var row in Rows)
        {
            ReadSigned(row, lines, body);
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

    private static void ReadSigned(WebhookSchemeDescriptor row, string[] lines, byte[] body)
    {
        var scheme = row.Default;
        var keys = SigningKeys(scheme);
        SignedWebhook signed;
        try
        {
            signed = scheme.Sign(body, keys, new WebhookSigningParameters { Target = SigningTarget });
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // A body this sender could not send (Infisical's is one JSON object, Linear's carries its time), or a
            // scheme that only verifies: nothing to read.
            return;
        }

        var headers = new WebhookHeaders();
        foreach (var (name, value) in signed.Headers)
        {
            headers.Add(name, value);
        }

        for (var i = 0; i < UnsignedHeaderNames.Length; i++)
        {
            if (headers.GetValue(UnsignedHeaderNames[i]) is null && !scheme.HeaderNames.Contains(UnsignedHeaderNames[i], StringComparer.OrdinalIgnoreCase))
            {
                headers.Add(UnsignedHeaderNames[i], lines[i % lines.Length]);
            }
        }

        // Read when it was signed: Linear signs the time its body carries, whatever the clock says (a time past the
        // calendar no clock can stand at, and no sender send at).
        if (signed.TimestampUnixMs > MaxUnixMs)
        {
            return;
        }

        var reader = signed.TimestampUnixMs is { } at ? row.Create(new WebhookSchemeOptions { TimeProvider = new StoppedClock(at) }) : scheme;
        var result = reader.Verify(new WebhookDelivery(headers, signed.Body.Span, SigningTarget), keys, WebhookReadParts.All);
        if (!result.IsValid || result.Identity.IsEmpty)
        {
            throw new InvalidOperationException($"{scheme.Name} did not verify what it signed: {result}.");
        }
    }

    // Discord signs with an Ed25519 private key (RFC 8032's first test key); every other scheme with the secret.
    private static KeyRing SigningKeys(WebhookScheme scheme) => scheme.Name == "discord"
        ? s_discordKeys ??= scheme.CreateKeyRing(["9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"])
        : Keys;

    private static KeyRing? s_discordKeys;

    // Every scheme the tool and the registrations know, Ed25519 ones included, with its defaults.
    private static IReadOnlyList<WebhookSchemeDescriptor> Rows => s_rows ??= WebhookSchemeCatalog.BuiltIn.WithEd25519().All;

    private static IEnumerable<WebhookScheme> Schemes => Rows.Select(row => row.Default);

    private static IReadOnlyList<WebhookSchemeDescriptor>? s_rows;

    // Every header a built-in scheme names: what a description may read unsigned.
    private static string[] UnsignedHeaderNames => s_unsignedHeaderNames ??= [.. typeof(WebhookScheme).Assembly.GetTypes()
        .Concat(typeof(WebhookEd25519).Assembly.GetTypes())
        .Where(t => t.Namespace?.StartsWith("WebhookSignatures.Schemes", StringComparison.Ordinal) == true)
        .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("HeaderName", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .Order(StringComparer.Ordinal)];

    private static string[]? s_unsignedHeaderNames;

    private static readonly WebhookRequestTarget Target = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/in?bodySHA256=00"));

    // Without bodySHA256 Twilio signs the body's form parameters, so its form reader sees the input too.
    private static readonly WebhookRequestTarget SigningTarget = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/in?tenant=fuzz"));

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

    private const long MaxUnixMs = 253_402_300_799_999;

    /// <summary>A clock that stands at one instant.</summary>
    private sealed class StoppedClock(long unixMs) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
    }
}
