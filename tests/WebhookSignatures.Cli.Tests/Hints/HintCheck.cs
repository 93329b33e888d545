using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cli.Diagnostics;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Linear;

namespace WebhookSignatures.Cli.Tests.Hints;

/// <summary>Checks a delivery as <c>verify</c> does, at a fixed time, and returns its hints.</summary>
internal static class HintCheck
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_712_345_678_901);

    /// <summary>The request line every delivery here is sent and checked on, unless a test gives another.</summary>
    public static readonly WebhookRequestTarget Target = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/webhooks/in?tenant=acme"));

    public static List<string> Explain(string scheme, IReadOnlyList<string> secrets, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, WebhookRequestTarget? target = null) =>
        Check(scheme, secrets, headers, body, target).Hints;

    public static DeliveryVerdict Check(string scheme, IReadOnlyList<string> secrets, IEnumerable<KeyValuePair<string, string>> headers, byte[] body, WebhookRequestTarget? target = null)
    {
        var webhookScheme = ToolCatalog.Schemes.Get(scheme).Create(new WebhookSchemeOptions { TimeProvider = new FixedTimeProvider(Now) });
        var received = new WebhookHeaders();
        foreach (var (name, value) in headers)
        {
            received.Add(name, value);
        }

        using var keys = webhookScheme.CreateKeyRing(secrets);
        return DeliveryVerdict.Check(ToolCatalog.Schemes, webhookScheme, received, body, keys, secrets, target ?? Target);
    }

    /// <summary>
    /// The body as the scheme's sender would write it: Linear writes its signed <c>webhookTimestamp</c> (<see cref="Now"/>)
    /// into the body, as the first member here so the rest keeps its layout; every other scheme's body is unchanged.
    /// </summary>
    public static byte[] BodyFor(string scheme, string body) => Encoding.UTF8.GetBytes(scheme == LinearSignature.SchemeName && body.StartsWith('{')
        ? string.Create(CultureInfo.InvariantCulture, $"{{\"{LinearSignature.TimestampPropertyName}\":{Now.ToUnixTimeMilliseconds()},{body[1..]}")
        : body);

    /// <summary>
    /// Signs as the scheme's sender does, at <see cref="Now"/> and for <see cref="Target"/> (or <paramref name="target"/>),
    /// which the request-signing schemes cover; the verify-only legacy scheme by hand.
    /// </summary>
    public static SignedWebhook Sign(WebhookSchemeDescriptor descriptor, string secret, byte[] body, WebhookRequestTarget? target = null)
    {
        if (descriptor.CanSign)
        {
            using var keys = descriptor.Default.CreateKeyRing([secret]);
            return descriptor.Default.Sign(body, keys, new WebhookSigningParameters { Target = target ?? Target, Timestamp = Now, DeliveryId = "msg_hint-check" });
        }

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body);
        return new SignedWebhook(body, new WebhookHeaders { { GitHubSha1Signature.SignatureHeaderName, "sha1=" + Convert.ToHexStringLower(mac) } }, null);
    }
}
