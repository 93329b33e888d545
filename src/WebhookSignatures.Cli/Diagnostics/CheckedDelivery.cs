
namespace WebhookSignatures.Cli.Diagnostics;

/// <summary>
/// A delivery as <c>verify</c> checked it: the catalog it was checked in, the scheme instance it verified with (its
/// clock, tolerance and parsers), the headers and exact body received, the key ring and the secrets the ring was made from.
/// </summary>
internal sealed class CheckedDelivery(
    WebhookSchemeCatalog schemes, WebhookScheme scheme, IWebhookHeaders headers, byte[] body, KeyRing keys, IReadOnlyList<string> secrets, WebhookRequestTarget target)
{
    /// <summary>The catalog the scheme was named in; its other schemes are tried when the headers follow their format.</summary>
    public WebhookSchemeCatalog Schemes { get; } = schemes;

    public WebhookScheme Scheme { get; } = scheme;

    /// <summary>The scheme's catalog row: its timestamp unit and how to create its neighbours with the same options.</summary>
    public WebhookSchemeDescriptor Descriptor { get; } = schemes.Get(scheme.Name);

    public IWebhookHeaders Headers { get; } = headers;

    public byte[] Body { get; } = body;

    public KeyRing Keys { get; } = keys;

    public IReadOnlyList<string> Secrets { get; } = secrets;

    /// <summary>
    /// The request line the delivery arrived on (<c>--url</c> and <c>--method</c>, a recorded delivery's, the
    /// inspector's): what the schemes that sign it verify, and what the URL hint varies.
    /// </summary>
    public WebhookRequestTarget Target { get; } = target;

    /// <summary>The options the scheme was created with, for creating another catalog scheme that verifies alike.</summary>
    public WebhookSchemeOptions Options => new() { TimeProvider = Scheme.TimeProvider, Tolerance = Scheme.Tolerance };

    /// <summary>Whether a secret of <paramref name="keys"/> produces the received signature over <paramref name="body"/>.</summary>
    public bool SignatureMatches(WebhookScheme scheme, byte[] body, KeyRing keys)
    {
        var result = scheme.Verify(new WebhookDelivery(Headers, body, Target), keys);
        return result.IsValid || result.MatchedKeyIndex.HasValue;
    }

    /// <summary>A ring of <paramref name="secrets"/> in <paramref name="scheme"/>'s format, or null when they are not in it.</summary>
    public static KeyRing? TryCreateKeyRing(WebhookScheme scheme, IReadOnlyList<string> secrets)
    {
        if (secrets.Count == 0)
        {
            return null;
        }

        try
        {
            return scheme.CreateKeyRing(secrets);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
