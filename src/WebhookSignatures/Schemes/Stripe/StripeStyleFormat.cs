namespace WebhookSignatures.Schemes.Stripe;

/// <summary>
/// What tells one Stripe-style sender's header and signed content from another's: Stripe writes
/// <c>t=&lt;t&gt;,v1=&lt;hex&gt;</c> and signs <c>&lt;t&gt;.&lt;body&gt;</c>; Paddle writes <c>ts=&lt;t&gt;;h1=&lt;hex&gt;</c>
/// and signs <c>&lt;t&gt;:&lt;body&gt;</c>.
/// </summary>
/// <param name="ItemSeparator">Between the header's items: <c>,</c> or <c>;</c>.</param>
/// <param name="TimestampKey">The key of the timestamp item: <c>t</c> or <c>ts</c>.</param>
/// <param name="SignatureKey">The key of each signature item: <c>v1</c> or <c>h1</c>.</param>
/// <param name="SignedSeparator">What the sender signs between the timestamp and the body: <c>.</c> or <c>:</c>.</param>
internal sealed record StripeStyleFormat(char ItemSeparator, string TimestampKey, string SignatureKey, byte SignedSeparator)
{
    /// <summary>Stripe's format, shared by Infisical alerts.</summary>
    public static StripeStyleFormat Stripe { get; } = new(',', "t", "v1", (byte)'.');

    /// <summary>Paddle Billing's format.</summary>
    public static StripeStyleFormat Paddle { get; } = new(';', "ts", "h1", (byte)':');
}
