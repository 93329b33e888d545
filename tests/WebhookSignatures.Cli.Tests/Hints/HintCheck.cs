using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cli.Diagnostics;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Cli.Tests.Hints;

/// <summary>Checks a delivery as <c>verify</c> does, at a fixed time, and returns its hints.</summary>
internal static class HintCheck
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_712_345_678_901);

    public static List<string> Explain(string scheme, IReadOnlyList<string> secrets, IEnumerable<KeyValuePair<string, string>> headers, byte[] body) =>
        Check(scheme, secrets, headers, body).Hints;

    public static DeliveryVerdict Check(string scheme, IReadOnlyList<string> secrets, IEnumerable<KeyValuePair<string, string>> headers, byte[] body)
    {
        var webhookScheme = WebhookSchemeCatalog.Get(scheme).Create(new WebhookSchemeOptions { TimeProvider = new FixedTimeProvider(Now) });
        var received = new WebhookHeaders();
        foreach (var (name, value) in headers)
        {
            received.Add(name, value);
        }

        using var keys = webhookScheme.CreateKeyRing(secrets);
        return DeliveryVerdict.Check(webhookScheme, received, body, keys, secrets);
    }

    /// <summary>Signs as the scheme's sender does, at <see cref="Now"/>; the verify-only legacy scheme by hand.</summary>
    public static SignedWebhook Sign(WebhookSchemeDescriptor descriptor, string secret, byte[] body)
    {
        if (descriptor.CanSign)
        {
            using var keys = descriptor.Default.CreateKeyRing([secret]);
            return descriptor.Default.Sign(body, keys, Now, "msg_hint-check");
        }

        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body);
        return new SignedWebhook(body, new WebhookHeaders { { GitHubSha1Signature.SignatureHeaderName, "sha1=" + Convert.ToHexStringLower(mac) } }, null);
    }
}
