using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Schemes.Paddle;

/// <summary>
/// Paddle Billing: <c>Paddle-Signature: ts=&lt;unix s&gt;;h1=&lt;hex&gt;[;h1=&lt;hex&gt;…]</c>, each <c>h1</c> a hex
/// HMAC-SHA256 of <c>&lt;ts&gt;:&lt;body&gt;</c> keyed with the UTF-8 bytes of the notification destination's whole
/// secret key (<c>pdl_ntfset_…</c>, nothing decoded). The event is the body's <c>event_type</c>
/// (<c>transaction.completed</c>), the delivery its <c>event_id</c> (<c>evt_…</c>).
/// </summary>
/// <remarks>
/// Paddle sends one <c>h1</c> per secret while a destination's secret is being rotated; every one is tried. The window is
/// two-sided around <c>ts</c>, five minutes by default; Paddle's own SDKs allow five seconds, so set a tighter
/// <see cref="WebhookSchemeOptions.Tolerance"/> where the clocks agree that closely.
/// </remarks>
public sealed class PaddleSignature : StripeStyleSignature
{
    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "paddle";

    /// <summary>The signature header.</summary>
    public const string SignatureHeaderName = "Paddle-Signature";

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public PaddleSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, SignatureHeaderName, StripeStyleFormat.Paddle, WebhookTimestampUnit.Seconds, "event_type", "event_id", idScopePropertyName: null, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static PaddleSignature Default { get; } = new();

    /// <summary>Computes the signature header value <c>ts=&lt;s&gt;;h1=&lt;hex&gt;</c> for a body.</summary>
    /// <param name="timestampUnixSeconds">The time to sign, in Unix seconds.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The secret's bytes (the UTF-8 bytes of the whole secret key).</param>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateSignatureHeader(long timestampUnixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key) =>
        FormatSignatureHeader(StripeStyleFormat.Paddle, timestampUnixSeconds, body, key);
}
