using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Schemes.Infisical;

/// <summary>
/// Infisical PKI and alerting webhooks: <c>x-infisical-signature: t=&lt;unix ms&gt;,v1=&lt;hex&gt;</c>, the hex
/// HMAC-SHA256 of <c>&lt;ms&gt;.&lt;body&gt;</c> keyed with the secret's UTF-8 bytes. The bodies are CloudEvents: the
/// event is their <c>type</c>, the delivery their <c>id</c>.
/// </summary>
/// <remarks>
/// <para>The header name is the one <see cref="InfisicalSignature"/> (project webhooks) uses, with another format:
/// each scheme returns <see cref="WebhookFailureReason.MalformedSignature"/> for the other's header, so configure
/// the one that matches the webhook you created. The timestamp is inside the MAC, so it is checked directly
/// against the two-sided replay window. Several <c>v1</c> entries are all tried.</para>
/// <para>One secret may serve both kinds: the MAC here covers bytes that begin with an ASCII digit (the
/// timestamp), and <see cref="InfisicalSignature"/> accepts a MAC only over a body whose first byte after JSON
/// whitespace is <c>{</c>, so a delivery of one kind can never be turned into an accepted delivery of the other.</para>
/// </remarks>
public sealed class InfisicalAlertsSignature : StripeStyleSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "infisical-alerts";

    /// <summary>The signature header (shared with project webhooks).</summary>
    public const string SignatureHeaderName = InfisicalSignature.SignatureHeaderName;

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public InfisicalAlertsSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, WebhookTimestampUnit.Milliseconds, "type", "id", "source", options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static InfisicalAlertsSignature Default { get; } = new();

    /// <summary>Computes the signature header value <c>t=&lt;ms&gt;,v1=&lt;hex&gt;</c> for a body.</summary>
    /// <param name="timestampUnixMs">The time to sign, in Unix milliseconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateSignatureHeader(long timestampUnixMs, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key) =>
        FormatSignatureHeader(StripeStyleFormat.Stripe, timestampUnixMs, body, key);
}
