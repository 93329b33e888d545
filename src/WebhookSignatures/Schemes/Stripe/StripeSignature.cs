namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// Stripe: <c>Stripe-Signature: t=&lt;unix s&gt;,v1=&lt;hex&gt;[,v1=&lt;hex&gt;…]</c>, each <c>v1</c> a hex HMAC-SHA256 of
/// <c>&lt;t&gt;.&lt;body&gt;</c> keyed with the secret's UTF-8 bytes (the whole string, <c>whsec_</c> included; nothing
/// is decoded). The event is the body's top-level <c>type</c> (<c>invoice.paid</c>), the delivery its <c>id</c> (<c>evt_…</c>).
/// </summary>
public sealed class StripeSignature : StripeStyleSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "stripe";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "Stripe-Signature";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public StripeSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, WebhookTimestampUnit.Seconds, "type", "id", idScopePropertyName: null, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static StripeSignature Default { get; } = new();

    /// <summary>Computes the signature header value <c>t=&lt;s&gt;,v1=&lt;hex&gt;</c> for a body.</summary>
    /// <param name="timestampUnixSeconds">The time to sign, in Unix seconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes (the UTF-8 bytes of the whole secret string).</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateSignatureHeader(long timestampUnixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key) =>
        FormatSignatureHeader(StripeStyleFormat.Stripe, timestampUnixSeconds, body, key);
}
