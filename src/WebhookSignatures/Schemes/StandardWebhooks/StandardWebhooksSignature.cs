using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.StandardWebhooks;

/// <summary>
/// Standard Webhooks (what Svix sends): <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature</c>, a space-separated list of <c>v1,&lt;base64 HMAC-SHA256&gt;</c> and
/// <c>v1a,&lt;base64 Ed25519&gt;</c> entries over <c>&lt;id&gt;.&lt;timestamp&gt;.&lt;body&gt;</c>. Keys are
/// <c>whsec_</c> secrets, <c>whpk_</c> public keys and <c>whsk_</c> private keys, each followed by base64 of the raw
/// bytes: build the ring with <see cref="CreateKeyRing"/>, not <see cref="KeyRing.FromSecrets"/>.
/// </summary>
/// <remarks>
/// <para>The <c>svix-id</c>, <c>svix-timestamp</c> and <c>svix-signature</c> names are read when the standard ones are
/// absent. Every <c>v1</c> entry is tried against every secret of the ring, then every <c>v1a</c> entry against every
/// public key; a secret is never used as a public key or the reverse. <c>v1a</c>, <c>whpk_</c> and <c>whsk_</c> need an
/// Ed25519 primitive (<see cref="WebhookSchemeOptions.Ed25519"/>, which the <c>WebhookSignatures.Ed25519</c> package
/// provides, with this scheme ready-made); without one <c>v1a</c> entries are skipped like other versions (<c>v2</c>).
/// A list with nothing readable is <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>. More than
/// <see cref="MaxSignatures"/> entries, an id longer than <see cref="MaxMessageIdLength"/> characters, or a <c>v1</c>
/// that is not 32 bytes of base64 (a <c>v1a</c>, 64 bytes) is <see cref="WebhookFailureReason.MalformedSignature"/>.
/// The replay window is two-sided.</para>
/// </remarks>
public sealed class StandardWebhooksSignature : WebhookScheme
{
    /// <summary>The message id header.</summary>
    public const string IdHeaderName = "webhook-id";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeaderName = "webhook-timestamp";

    /// <summary>The signature list header.</summary>
    public const string SignatureHeaderName = "webhook-signature";

    /// <summary>Svix's name for the message id header, read when <see cref="IdHeaderName"/> is absent.</summary>
    public const string SvixIdHeaderName = "svix-id";

    /// <summary>Svix's name for the timestamp header, read when <see cref="TimestampHeaderName"/> is absent.</summary>
    public const string SvixTimestampHeaderName = "svix-timestamp";

    /// <summary>Svix's name for the signature header, read when <see cref="SignatureHeaderName"/> is absent.</summary>
    public const string SvixSignatureHeaderName = "svix-signature";

    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "standard-webhooks";

    /// <summary>The optional prefix of a secret; the rest is base64.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The prefix of an Ed25519 public key; the rest is base64 of its 32 bytes.</summary>
    public const string PublicKeyPrefix = StandardWebhooksKeys.PublicKeyPrefix;

    /// <summary>The prefix of an Ed25519 private key; the rest is base64 of its 32-byte seed, or of the seed and public key (64 bytes).</summary>
    public const string PrivateKeyPrefix = StandardWebhooksKeys.PrivateKeyPrefix;

    /// <summary>The most entries a signature list may hold; more is malformed.</summary>
    public const int MaxSignatures = StandardWebhooksSignatureList.MaxEntries;

    /// <summary>The longest message id accepted, in characters; longer is malformed.</summary>
    public const int MaxMessageIdLength = 256;

    private const string GeneratedIdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Every id character is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 characters); 20 digits and two dots.
    private const int MaxPrefixLength = (MaxMessageIdLength * 3) + 22;

    private static readonly string[] Headers =
        [IdHeaderName, TimestampHeaderName, SignatureHeaderName, SvixIdHeaderName, SvixTimestampHeaderName, SvixSignatureHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes), clock, and the Ed25519 primitive for <c>v1a</c> (none by default).</param>
    public StandardWebhooksSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, options)
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static StandardWebhooksSignature Default { get; } = new();

    /// <inheritdoc />
    /// <remarks>The three standard names, then Svix's; signing writes the standard ones.</remarks>
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>
    /// <c>webhook-*</c> headers first, <c>svix-*</c> when they are absent. Every <c>v1</c> MAC and, with an Ed25519
    /// primitive, every <c>v1a</c> signature is tried. The identity is the signed <c>webhook-id</c>, which the sender keeps
    /// across re-signed retries; the event is the body's top-level <c>type</c>.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        var signatures = Header(ref context, SignatureHeaderName, SvixSignatureHeaderName);
        var messageId = Header(ref context, IdHeaderName, SvixIdHeaderName);
        var timestamp = Header(ref context, TimestampHeaderName, SvixTimestampHeaderName);
        if (signatures.IsEmpty || messageId.IsEmpty || timestamp.IsEmpty)
        {
            context.Fail(WebhookFailureReason.MissingSignature);
            return;
        }

        if (messageId.Length > MaxMessageIdLength)
        {
            context.Fail(WebhookFailureReason.MalformedSignature);
            return;
        }

        if (!context.TryParseTimestamp(timestamp, WebhookTimestampUnit.Seconds, out var timestampUnixMs))
        {
            return;
        }

        Span<byte> macs = stackalloc byte[StandardWebhooksSignatureList.MacBufferLength];
        Span<byte> asymmetric = stackalloc byte[StandardWebhooksSignatureList.SignatureBufferLength];
        var parsed = StandardWebhooksSignatureList.Parse(signatures, Ed25519Primitive is not null, macs, out var macCount, asymmetric, out var signatureCount);
        if (parsed != WebhookFailureReason.None)
        {
            context.Fail(parsed);
            return;
        }

        Span<byte> prefix = stackalloc byte[MaxPrefixLength];
        var signed = prefix[..WritePrefix(messageId, timestampUnixMs / 1000, prefix)];
        context.IdentifyBySignedId(messageId);
        if (!(macCount > 0 && context.MatchHmacSha256(signed, macs[..(macCount * HmacSha256.Length)]))
            && !(signatureCount > 0 && context.MatchEd25519(signed, asymmetric[..(signatureCount * IEd25519.SignatureLength)])))
        {
            return;
        }

        context.CheckTimestamp(timestampUnixMs);
        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(TopLevelJsonString.TryRead(context.Body, "type"u8), true, messageId.ToString(), true));
        }
    }

    /// <summary>
    /// Reads <c>whsec_&lt;base64&gt;</c> secrets (the prefix is optional) into a ring of their decoded bytes, and, with an
    /// Ed25519 primitive, <c>whpk_</c> public keys and <c>whsk_</c> private keys beside them, each kept as what it is.
    /// </summary>
    /// <param name="secrets">Current key first, older ones after; secrets and public keys may be mixed.</param>
    /// <exception cref="ArgumentException">
    /// A key is empty, not base64, of the wrong length for its kind, or an Ed25519 key while the scheme has no Ed25519
    /// primitive; the message names its position, never its value.
    /// </exception>
    public override KeyRing CreateKeyRing(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var entries = new List<KeyRingEntry>();
        try
        {
            foreach (var secret in secrets)
            {
                entries.Add(StandardWebhooksKeys.TryRead(secret, Ed25519Primitive, out var problem) ?? throw new ArgumentException(
                    $"Secret {entries.Count} of the key ring is {problem}: expected {SecretPrefix}, {PublicKeyPrefix} or {PrivateKeyPrefix} followed by base64.", nameof(secrets)));
            }

            return KeyRing.FromEntries(entries);
        }
        finally
        {
            foreach (var entry in entries)
            {
                CryptographicOperations.ZeroMemory(MemoryMarshal.AsMemory(entry.Key).Span);
            }
        }
    }

    /// <summary>Generates a new secret: <c>whsec_</c> and the base64 of <see cref="KeyRing.GeneratedSecretBytes"/> random bytes.</summary>
    public static string GenerateSecret()
    {
        Span<byte> random = stackalloc byte[KeyRing.GeneratedSecretBytes];
        RandomNumberGenerator.Fill(random);
        var secret = SecretPrefix + Convert.ToBase64String(random);
        CryptographicOperations.ZeroMemory(random);
        return secret;
    }

    /// <summary>
    /// Signs a body: it is sent unchanged with <c>webhook-id</c>, <c>webhook-timestamp</c> and
    /// <c>webhook-signature</c>, one entry per signing key: <c>v1,&lt;base64&gt;</c> for a secret,
    /// <c>v1a,&lt;base64&gt;</c> for a <c>whsk_</c> private key. The current key signs, and during a rotation the
    /// previous one too (<see cref="KeyRing.WithPreviousKeySigningUntil"/>), so receivers holding either accept.
    /// </summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The keys (from <see cref="CreateKeyRing"/>); the signing ones may not be public keys.</param>
    /// <param name="parameters">The time to sign, truncated to whole seconds, and the message id (<c>msg_</c> and 27 random letters and digits when none is given).</param>
    /// <exception cref="ArgumentException">A signing key is a public key, or the id is empty, too long or not printable ASCII without spaces.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        var seconds = parameters.Timestamp!.Value.ToUnixTimeSeconds();
        var id = parameters.DeliveryId ?? "msg_" + RandomNumberGenerator.GetString(GeneratedIdAlphabet, 27);
        var signingKeys = keys.GetSigningKeyCount(parameters.Timestamp.Value);
        var entries = new string[signingKeys];
        for (var i = 0; i < signingKeys; i++)
        {
            entries[i] = keys.GetKind(i) switch
            {
                WebhookKeyKind.Secret => CreateSignatureHeader(id, seconds, body, keys.GetKey(i)),
                WebhookKeyKind.Ed25519PrivateKey => CreateEd25519SignatureHeader(id, seconds, body, keys.GetKey(i, WebhookKeyKind.Ed25519PrivateKey)),
                var kind => throw new ArgumentException($"Key {i} of the key ring signs but is an {kind}, which only verifies.", nameof(keys)),
            };
        }

        var headers = new WebhookHeaders
        {
            { IdHeaderName, id },
            { TimestampHeaderName, seconds.ToString(CultureInfo.InvariantCulture) },
            { SignatureHeaderName, string.Join(' ', entries) },
        };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000, id);
    }

    /// <summary>Computes the <c>webhook-signature</c> value <c>v1,&lt;base64&gt;</c> for one secret (one entry of the list).</summary>
    /// <param name="messageId">The message id sent in <c>webhook-id</c>.</param>
    /// <param name="timestampUnixSeconds">The timestamp sent in <c>webhook-timestamp</c>.</param>
    /// <param name="body">The exact body to send.</param>
    /// <param name="key">The decoded key bytes (see <see cref="CreateKeyRing"/>).</param>
    /// <exception cref="ArgumentException">The id is empty, too long or not printable ASCII without spaces.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is negative.</exception>
    public static string CreateSignatureHeader(string messageId, long timestampUnixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> key)
    {
        Span<byte> prefix = stackalloc byte[MaxPrefixLength];
        var signed = prefix[..WriteCheckedPrefix(messageId, timestampUnixSeconds, prefix)];
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, signed, body, mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>The <c>v1a,&lt;base64 Ed25519&gt;</c> entry for one private key, with this scheme's Ed25519 primitive.</summary>
    private string CreateEd25519SignatureHeader(string messageId, long timestampUnixSeconds, ReadOnlySpan<byte> body, ReadOnlySpan<byte> privateKey)
    {
        var ed25519 = Ed25519Primitive ?? throw new ArgumentException("Signing v1a needs an Ed25519 primitive (WebhookSignatures.Ed25519).", nameof(privateKey));
        Span<byte> prefix = stackalloc byte[MaxPrefixLength];
        var prefixLength = WriteCheckedPrefix(messageId, timestampUnixSeconds, prefix);
        var message = new byte[prefixLength + body.Length];
        prefix[..prefixLength].CopyTo(message);
        body.CopyTo(message.AsSpan(prefixLength));
        Span<byte> signature = stackalloc byte[IEd25519.SignatureLength];
        ed25519.Sign(privateKey, message, signature);
        return "v1a," + Convert.ToBase64String(signature);
    }

    private static int WriteCheckedPrefix(string messageId, long timestampUnixSeconds, Span<byte> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixSeconds);
        // Printable ASCII only, so the id travels unchanged in any HTTP header.
        if (messageId.Length > MaxMessageIdLength || messageId.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw new ArgumentException(
                $"A message id has 1 to {MaxMessageIdLength} printable ASCII characters and no spaces.", nameof(messageId));
        }

        return WritePrefix(messageId, timestampUnixSeconds, destination);
    }

    // The first of the two names that is present, trimmed.
    private static ReadOnlySpan<char> Header(ref WebhookVerificationContext context, string name, string svixName)
    {
        var value = context.GetHeader(name);
        return value.IsEmpty ? context.GetHeader(svixName) : value;
    }

    private static int WritePrefix(ReadOnlySpan<char> messageId, long timestampUnixSeconds, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetBytes(messageId, destination);
        destination[length++] = (byte)'.';
        return length + WriteTimestampPrefix(timestampUnixSeconds, destination[length..]);
    }
}
