using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// A key made for one run of an example, in the scheme's own form: a shared secret, or for a scheme whose secret is an
/// Ed25519 private key (Discord) a new key pair, the public half configured in the example and the private half signing.
/// </summary>
internal sealed class ExampleKey : IDisposable
{
    private static readonly WebhookSchemeCatalog Catalog = WebhookSchemeCatalog.BuiltIn.WithEd25519();

    private ExampleKey(WebhookScheme scheme, string forReceiver, KeyRing signing)
    {
        Scheme = scheme;
        ForReceiver = forReceiver;
        Signing = signing;
    }

    /// <summary>The scheme, with default settings, as its catalog row creates it.</summary>
    public WebhookScheme Scheme { get; }

    /// <summary>What the example is configured with: the secret, or the public key.</summary>
    public string ForReceiver { get; }

    /// <summary>The ring that signs deliveries to the example.</summary>
    public KeyRing Signing { get; }

    /// <summary>Makes a key for the scheme of that catalog name.</summary>
    /// <exception cref="ArgumentException">No scheme has that name.</exception>
    public static ExampleKey For(string schemeName)
    {
        var row = Catalog.Get(schemeName);
        var scheme = row.Default;
        var secret = row.GenerateSecret();
        var ring = scheme.CreateKeyRing([secret]);
        if (ring.GetKind(0) != WebhookKeyKind.Ed25519PrivateKey)
        {
            return new ExampleKey(scheme, secret, ring);
        }

        ring.Dispose();
        var pair = row.GenerateKeyPair();
        return new ExampleKey(scheme, pair.PublicKey, scheme.CreateKeyRing([pair.PrivateKey]));
    }

    /// <inheritdoc />
    public void Dispose() => Signing.Dispose();
}
