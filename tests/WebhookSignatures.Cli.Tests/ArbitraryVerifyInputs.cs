using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FsCheck.Fluent;
using FsCheck;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.Cli.Tests;

/// <summary>One <c>verify</c> command line and its body, as an arbitrary sender and operator could make it.</summary>
/// <param name="Scheme">The scheme verified with.</param>
/// <param name="Secrets">The secrets given with <c>--secret</c>, in order.</param>
/// <param name="Headers">The header lines given with <c>--header</c>.</param>
/// <param name="Body">The body given on standard input.</param>
/// <param name="Options">Further options (<c>--now</c>, <c>--tolerance</c>, <c>--json</c>).</param>
public sealed record VerifyInput(string Scheme, string[] Secrets, string[] Headers, byte[] Body, string[] Options)
{
    public string[] Arguments =>
    [
        "verify", "--scheme", Scheme, "--body-file", "-",
        .. Secrets.Select(s => $"--secret={s}"),
        .. Headers.Select(h => $"--header={h}"),
        .. Options,
    ];

    /// <summary>The command line with every character outside printable ASCII shown as an escape, for a failure report.</summary>
    public override string ToString() =>
        Visible(string.Join(" | ", Arguments)) + " <<< " + Visible(Encoding.UTF8.GetString(Body));

    private static string Visible(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
}

/// <summary>
/// Arbitrary <c>verify</c> inputs: every scheme the tool accepts; timestamps in seconds, in milliseconds, negative,
/// huge and not digits at all; secrets empty, short, padded and in and out of the <c>whsec_</c> format; headers that
/// are correctly signed (so the timestamp checks and hints run), signed with another key or in another scheme's
/// format, garbage, or absent; and bodies that are JSON, nearly JSON or bytes.
/// </summary>
public static class ArbitraryVerifyInputs
{
    // 2026-01-01T12:00:00Z, in seconds: the arrival time most generated timestamps lie near.
    private const long ArrivedSeconds = 1_767_268_800;

    private static readonly string[] OddTimestamps =
    [
        "0", "-1", "-1767268800", "9223372036854775807", "9223372036854775", "9223372036854776", "99999999999999999999",
        "253402300799999", "253402300800", "253402300800000", "", "abc", "1e9", "+1767268800", "1767268800.5", "１７６７２６８８００",
        "0x10", "00000000000000000001767268800", "1767268800;v1=00", "1767268800,v1=00",
    ];

    private static readonly string[] OddSecrets =
    [
        "x", "whsec_", "whsec_!!!", "whsec_YQ", "whsec_YQ==", "whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", " padded-secret-of-enough-bytes ",
        "plain-secret-of-enough-bytes", "é😀\uD800", "secret\nwith\nlines", "",
    ];

    private static readonly string[] OddText =
    [
        "\u001b]0;pwned\u0007", "\u001b[2J", "ping\rpong", "\u202eevil\u202c", "\u009b31m", "\u2066x\u2069", "\0", "\u0085",
        "ping", "", "t=", "v1=", "v1,", "sha256=", ",", ";", "=", "\uD800", "😀",
    ];

    private static readonly string[] OddBodies =
    [
        "", "{}", "[]", "null", "{\"timestamp\":1e400}", "{\"timestamp\":-5}", "{\"timestamp\":99999999999999999999}",
        "{\"a\\\"b\":\"c\\u0000\",\"timestamp\":1767268800000}", "{\r\n  \"event\": \"push\"\r\n}\n", "\uFEFF{\"type\":\"x\"}",
        "{\"type\":\"\\u001b]0;pwned\\u0007\\r\\u202e\"}", "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}\n", "{\n\t\"a\": [1, 2]\n}",
    ];

    private static readonly byte[][] OddBytes =
    [
        [0xff, 0xfe, 0xfd], [(byte)'{', (byte)'"', 0xc3, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
        [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xed, 0xa0, 0x80, (byte)'"', (byte)'}'],
        [.. Enumerable.Repeat((byte)'[', 2000)], [.. Enumerable.Repeat((byte)'[', 100), .. Enumerable.Repeat((byte)']', 100)],
    ];

    private static readonly string[] EventHeaders = ["X-GitHub-Event", "X-Snyk-Event", "X-GitHub-Delivery", "X-Snyk-Transport-ID", "webhook-id", "Content-Type"];

    public static Arbitrary<VerifyInput> Inputs()
    {
        var text = Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty), Gen.Elements(OddText));
        var timestamp = Gen.OneOf(
            Gen.Choose(-600, 600).Select(d => Invariant(ArrivedSeconds + d)),
            Gen.Choose(-600_000, 600_000).Select(d => Invariant((ArrivedSeconds * 1000) + d)),
            Gen.Choose(-600, 600).Select(d => Invariant((ArrivedSeconds + d) * 1_000_000)),
            Gen.Elements(OddTimestamps),
            ArbMap.Default.GeneratorFor<long>().Select(Invariant),
            text);
        var privateKey = Gen.Fresh(DiscordSignature.GeneratePrivateKey);
        var secret = Gen.Frequency(
            (6, Gen.Choose(1, 48).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)).Select(key => "whsec_" + Convert.ToBase64String(key))),
            (2, Gen.Elements(OddSecrets)),
            (1, text),
            (1, privateKey),
            (1, privateKey.Select(hex => "whsk_" + Convert.ToBase64String(Convert.FromHexString(hex)))),
            (1, privateKey.Select(hex => "whpk_" + Convert.ToBase64String(Convert.FromHexString(hex[64..])))));
        var secrets = Gen.Frequency(
            (1, Gen.Constant(Array.Empty<string>())),
            (6, secret.Select(s => new[] { s })),
            (2, Gen.Choose(2, 3).SelectMany(n => Gen.ArrayOf(secret, n))));
        var now = Gen.Frequency(
            (2, Gen.Constant<string?>(null)),
            (6, Gen.Choose(-600_000, 600_000).Select(d => (string?)Invariant((ArrivedSeconds * 1000) + d))),
            (1, Gen.Elements<string?>("0", "-1", "9223372036854775807", "-9223372036854775808", "253402300799999", "253402300800000", "-62135596800000", "-62135596800001", "x")));
        var tolerance = Gen.Frequency(
            (6, Gen.Constant<string?>(null)),
            (1, Gen.Elements<string?>("300", "0", "-5", "1e10", "NaN", "31536000", "0.001", "86400", "x")));

        var gen =
            from scheme in Gen.Elements([.. ToolCatalog.Schemes.AcceptedNames()])
            from signingScheme in Gen.Frequency((3, Gen.Constant(scheme)), (1, Gen.Elements([.. ToolCatalog.Schemes.AcceptedNames()])))
            from given in secrets
            from signingSecret in Gen.Frequency(
                (4, given.Length == 0 ? secret : Gen.Elements(given)),
                (1, secret))
            from signing in Gen.Frequency((6, Gen.Constant(Signing.Correct)), (1, Gen.Constant(Signing.Garbage)), (1, Gen.Constant(Signing.Absent)))
            from t in timestamp
            from messageId in Gen.Frequency((4, Gen.Elements("msg_1", "msg_p5jXN8AQM9LWM0D4loKWxJek")), (1, Gen.Elements(string.Empty, "a b", new string('m', 300))), (1, text))
            from body in Gen.OneOf(
                Gen.Elements(OddBodies).Select(Encoding.UTF8.GetBytes),
                Gen.Elements(OddBytes),
                ArbMap.Default.GeneratorFor<byte[]>().Select(b => b ?? []),
                text.Select(type => Encoding.UTF8.GetBytes($$"""{"id":"evt_1","type":{{Quote(type)}},"event":{{Quote(type)}},"timestamp":{{t}}}""")))
            from garbage in text
            from count in Gen.Choose(0, 3)
            from extra in Gen.ArrayOf(Gen.Elements(EventHeaders).SelectMany(name => text.Select(value => $"{name}: {value}")), count)
            from stray in Gen.Frequency((19, Gen.Constant(Array.Empty<string>())), (1, text.Select(line => new[] { line })))
            from n in now
            from window in tolerance
            from json in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            let signed = signing switch
            {
                Signing.Correct => SignatureHeaders(signingScheme, signingSecret, t, messageId, body, UrlFor(signingScheme, body)),
                Signing.Garbage => SignatureHeaders(signingScheme, signingSecret, t, messageId, body, UrlFor(signingScheme, body)).Select(h => h[..(h.IndexOf(':', StringComparison.Ordinal) + 2)] + garbage).ToArray(),
                _ => [],
            }
            let url = UrlFor(signingScheme, body)
            let options = new[] { n is null ? null : $"--now={n}", window is null ? null : $"--tolerance={window}", json ? "--json" : null, $"--url={url}" }
            select new VerifyInput(scheme, given, [.. signed, .. extra, .. stray], body, [.. options.OfType<string>()]);
        return gen.ToArbitrary();
    }

    /// <summary>The headers a sender of <paramref name="scheme"/> sends, signed over exactly the timestamp text given.</summary>
    private static string[] SignatureHeaders(string scheme, string secret, string timestamp, string messageId, byte[] body, string url)
    {
        var key = KeyFor(scheme, secret);
        return scheme switch
        {
            GitHubSignature.SchemeName => [$"X-Hub-Signature-256: sha256={Hex(key, body)}"],
            SnykSignature.SchemeName => [$"X-Hub-Signature: sha256={Hex(key, body)}"],
            InfisicalSignature.SchemeName => [$"x-infisical-signature: t={timestamp};{Hex(key, body)}"],
            InfisicalAlertsSignature.SchemeName => [$"x-infisical-signature: t={timestamp},v1={Hex(key, Concat(Encoding.UTF8.GetBytes(timestamp + "."), body))}"],
            StripeSignature.SchemeName => [$"Stripe-Signature: t={timestamp},v1={Hex(key, Concat(Encoding.UTF8.GetBytes(timestamp + "."), body))}"],
            StandardWebhooksSignature.SchemeName =>
            [
                $"webhook-id: {messageId}",
                $"webhook-timestamp: {timestamp}",
                secret.StartsWith("whsk_", StringComparison.Ordinal)
                    ? $"webhook-signature: v1a,{Convert.ToBase64String(Ed25519Sign(key, Concat(Encoding.UTF8.GetBytes($"{messageId}.{timestamp}."), body)))}"
                    : $"webhook-signature: v1,{Convert.ToBase64String(HMACSHA256.HashData(key, Concat(Encoding.UTF8.GetBytes($"{messageId}.{timestamp}."), body)))}",
            ],
            DiscordSignature.SchemeName =>
            [
                $"X-Signature-Ed25519: {Convert.ToHexStringLower(Ed25519Sign(key, Concat(Encoding.UTF8.GetBytes(timestamp), body)))}",
                $"X-Signature-Timestamp: {timestamp}",
            ],
            SlackSignature.SchemeName =>
                [$"X-Slack-Signature: v0={Hex(key, Concat(Encoding.UTF8.GetBytes($"v0:{timestamp}:"), body))}", $"X-Slack-Request-Timestamp: {timestamp}"],
            ZoomSignature.SchemeName =>
                [$"x-zm-signature: v0={Hex(key, Concat(Encoding.UTF8.GetBytes($"v0:{timestamp}:"), body))}", $"x-zm-request-timestamp: {timestamp}"],
            PaddleSignature.SchemeName => [$"Paddle-Signature: ts={timestamp};h1={Hex(key, Concat(Encoding.UTF8.GetBytes(timestamp + ":"), body))}"],
            // Twitch writes RFC 3339; a Unix number here is what a confused sender sends, and is refused as malformed.
            TwitchSignature.SchemeName =>
            [
                $"Twitch-Eventsub-Message-Id: {messageId}",
                $"Twitch-Eventsub-Message-Timestamp: {timestamp}",
                $"Twitch-Eventsub-Message-Signature: sha256={Hex(key, Concat(Encoding.UTF8.GetBytes(messageId + timestamp), body))}",
            ],
            ShopifySignature.SchemeName => [$"X-Shopify-Hmac-Sha256: {Convert.ToBase64String(HMACSHA256.HashData(key, body))}"],
            LinearSignature.SchemeName => [$"Linear-Signature: {Hex(key, body)}"],
            GitLabToken.SchemeName => [$"X-Gitlab-Token: {secret}"],
            SquareSignature.SchemeName => [$"x-square-hmacsha256-signature: {Convert.ToBase64String(HMACSHA256.HashData(key, Concat(Encoding.UTF8.GetBytes(url), body)))}"],
            HubSpotSignature.SchemeName =>
            [
                $"X-HubSpot-Signature-v3: {Convert.ToBase64String(HMACSHA256.HashData(key, Concat(Encoding.UTF8.GetBytes("POST" + url), Concat(body, Encoding.UTF8.GetBytes(timestamp)))))}",
                $"X-HubSpot-Request-Timestamp: {timestamp}",
            ],
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1 by default.
            TwilioSignature.SchemeName => [$"X-Twilio-Signature: {Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(url)))}"],
#pragma warning restore CA5350
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "A scheme the generator does not know: add it."),
        };
    }

    /// <summary>The URL the delivery was sent to: Twilio's carries the body's hash, as its JSON deliveries do.</summary>
    private static string UrlFor(string scheme, byte[] body) => scheme == TwilioSignature.SchemeName
        ? "https://hooks.example.com/in?bodySHA256=" + Convert.ToHexStringLower(SHA256.HashData(body))
        : "https://hooks.example.com/in";

    /// <summary>
    /// Standard Webhooks keys are the base64 after <c>whsec_</c> or <c>whsk_</c>, Discord's the hex of a private key;
    /// every other scheme keys with the secret's UTF-8.
    /// </summary>
    private static byte[] KeyFor(string scheme, string secret)
    {
        if (scheme == StandardWebhooksSignature.SchemeName && secret.StartsWith("whsk_", StringComparison.Ordinal))
        {
            return Convert.FromBase64String(secret["whsk_".Length..]);
        }

        if (scheme == DiscordSignature.SchemeName)
        {
            // Anything but a private key signs with a key of its own, which the receiving tool does not hold.
            return secret.Length == 2 * IEd25519.PrivateKeyLength && secret.All(char.IsAsciiHexDigitLower)
                ? Convert.FromHexString(secret)
                : Convert.FromHexString(DiscordSignature.GeneratePrivateKey());
        }

        if (scheme == StandardWebhooksSignature.SchemeName && secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(secret["whsec_".Length..]);
            }
            catch (FormatException)
            {
                // Not base64: the receiving tool refuses the secret, so any key will do.
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    private static byte[] Concat(byte[] prefix, byte[] body) => [.. prefix, .. body];

    private static byte[] Ed25519Sign(byte[] privateKey, byte[] message)
    {
        var signature = new byte[IEd25519.SignatureLength];
        WebhookEd25519.Instance.Sign(privateKey, message, signature);
        return signature;
    }

    private static string Hex(byte[] key, byte[] data) => Convert.ToHexStringLower(HMACSHA256.HashData(key, data));

    /// <summary>A JSON string literal; lone surrogates stay (UTF-8 turns them into U+FFFD), as a careless sender would write them.</summary>
    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' or '\\' => builder.Append('\\').Append(c),
                < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private enum Signing
    {
        Correct,
        Garbage,
        Absent,
    }
}
