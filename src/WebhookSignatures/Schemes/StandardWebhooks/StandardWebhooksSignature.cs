using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Schemes.StandardWebhooks;

/// <summary>
/// Standard Webhooks (what Svix sends): <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and
/// <c>webhook-signature</c>, a space-separated list of <c>v1,&lt;base64 HMAC-SHA256&gt;</c> over
/// <c>&lt;id&gt;.&lt;timestamp&gt;.&lt;body&gt;</c>. Secrets are <c>whsec_</c> followed by base64, and the decoded
/// bytes are the key: build the ring with <see cref="CreateKeyRing"/>, not <see cref="KeyRing.FromSecrets"/>.
/// </summary>
/// <remarks>
/// The <c>svix-id</c>, <c>svix-timestamp</c> and <c>svix-signature</c> names are read when the standard ones are
/// absent. Every <c>v1</c> entry is tried; other versions (<c>v1a</c>, <c>v2</c>) are ignored, and a list without
/// <c>v1</c> is <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>. More than <see cref="MaxSignatures"/>
/// entries, an id longer than <see cref="MaxMessageIdLength"/> characters or a <c>v1</c> that is not 32 bytes of
/// base64 is <see cref="WebhookFailureReason.MalformedSignature"/>. The replay window is two-sided.
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

    /// <summary>The most entries a signature list may hold; more is malformed.</summary>
    public const int MaxSignatures = 16;

    /// <summary>The longest message id accepted, in characters; longer is malformed.</summary>
    public const int MaxMessageIdLength = 256;

    private const string GeneratedIdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Every id character is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 characters); 20 digits and two dots.
    private const int MaxPrefixLength = (MaxMessageIdLength * 3) + 22;

    private static readonly string[] Headers =
        [IdHeaderName, TimestampHeaderName, SignatureHeaderName, SvixIdHeaderName, SvixTimestampHeaderName, SvixSignatureHeaderName];

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
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
    public override WebhookVerificationResult Verify(IWebhookHeaders headers, ReadOnlySpan<byte> body, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(
            headers.GetValue(IdHeaderName) ?? headers.GetValue(SvixIdHeaderName),
            headers.GetValue(TimestampHeaderName) ?? headers.GetValue(SvixTimestampHeaderName),
            headers.GetValue(SignatureHeaderName) ?? headers.GetValue(SvixSignatureHeaderName),
            body,
            keys);
    }

    /// <summary>Verifies a delivery from its three header values and raw body.</summary>
    /// <param name="messageId">The <c>webhook-id</c> value; empty means missing.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> value (Unix seconds); empty means missing.</param>
    /// <param name="signatures">The <c>webhook-signature</c> value; empty means missing.</param>
    /// <param name="body">The raw body, byte for byte as received.</param>
    /// <param name="keys">The accepted secrets, current first (from <see cref="CreateKeyRing"/>).</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<char> messageId, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> signatures, ReadOnlySpan<byte> body, KeyRing keys)
    {
        if (BeginVerification(keys, ref signatures) is { } failure)
        {
            return failure;
        }

        messageId = messageId.Trim(" \t");
        timestamp = timestamp.Trim(" \t");
        if (messageId.IsEmpty || timestamp.IsEmpty)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MissingSignature);
        }

        if (messageId.Length > MaxMessageIdLength || !TryParseTimestamp(timestamp, WebhookTimestampUnit.Seconds, out var timestampUnixMs))
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.MalformedSignature);
        }

        Span<byte> candidates = stackalloc byte[MaxSignatures * HmacSha256.Length];
        var parsed = ParseSignatures(signatures, candidates, out var count);
        if (parsed != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(parsed);
        }

        Span<byte> prefix = stackalloc byte[MaxPrefixLength];
        var prefixLength = WritePrefix(messageId, timestampUnixMs / 1000, prefix);
        return CheckTimestamp(VerifyHmacSha256(keys, prefix[..prefixLength], body, candidates[..(count * HmacSha256.Length)]), timestampUnixMs);
    }

    /// <inheritdoc />
    /// <remarks>The delivery id is the message id; the event is the body's top-level <c>type</c>, as the specification's payloads carry it.</remarks>
    public override WebhookDeliveryInfo DescribeDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return new(
            TopLevelJsonString.TryRead(body, "type"u8),
            headers.GetValue(IdHeaderName) ?? headers.GetValue(SvixIdHeaderName));
    }

    /// <inheritdoc />
    /// <remarks>The signed <c>webhook-id</c> (or <c>svix-id</c>), which the sender keeps when it retries with a new timestamp and signature.</remarks>
    public override WebhookDeliveryId IdentifyDelivery(IWebhookHeaders headers, ReadOnlySpan<byte> body, in WebhookVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var id = (headers.GetValue(IdHeaderName) ?? headers.GetValue(SvixIdHeaderName)).AsSpan().Trim(" \t");
        return id.IsEmpty ? WebhookDeliveryId.FromSignedContent(default, body) : WebhookDeliveryId.FromSignedId(id);
    }

    /// <summary>
    /// Reads <c>whsec_&lt;base64&gt;</c> secrets (the prefix is optional) into a ring of their decoded bytes.
    /// </summary>
    /// <param name="secrets">Current secret first, older ones after.</param>
    /// <exception cref="ArgumentException">A secret is empty or not base64; the message names its position, never its value.</exception>
    public override KeyRing CreateKeyRing(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var decoded = new List<byte[]>();
        try
        {
            foreach (var secret in secrets)
            {
                decoded.Add(TryDecodeSecret(secret) ?? throw new ArgumentException(
                    $"Secret {decoded.Count} of the key ring is not {SecretPrefix} followed by base64.", nameof(secrets)));
            }

            return KeyRing.FromKeys(decoded.Select(key => new ReadOnlyMemory<byte>(key)));
        }
        finally
        {
            foreach (var key in decoded)
            {
                CryptographicOperations.ZeroMemory(key);
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
    /// <c>webhook-signature: v1,&lt;base64&gt;</c>.
    /// </summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The secrets (from <see cref="CreateKeyRing"/>); the first one signs.</param>
    /// <param name="timestamp">The time to sign, truncated to whole seconds; now when <see langword="null"/>.</param>
    /// <param name="messageId">The message id; <c>msg_</c> and 27 random letters and digits when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The ring is empty, or the id is empty, too long or not printable ASCII without spaces.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    public override SignedWebhook Sign(ReadOnlySpan<byte> body, KeyRing keys, DateTimeOffset? timestamp = null, string? messageId = null)
    {
        EnsureCanSign(keys);
        var seconds = (timestamp ?? TimeProvider.GetUtcNow()).ToUnixTimeSeconds();
        var id = messageId ?? "msg_" + RandomNumberGenerator.GetString(GeneratedIdAlphabet, 27);
        var headers = new WebhookHeaders
        {
            { IdHeaderName, id },
            { TimestampHeaderName, seconds.ToString(CultureInfo.InvariantCulture) },
            { SignatureHeaderName, CreateSignatureHeader(id, seconds, body, keys.GetKey(0)) },
        };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000);
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
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampUnixSeconds);
        // Printable ASCII only, so the id travels unchanged in any HTTP header.
        if (messageId.Length > MaxMessageIdLength || messageId.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            throw new ArgumentException(
                $"A message id has 1 to {MaxMessageIdLength} printable ASCII characters and no spaces.", nameof(messageId));
        }

        Span<byte> prefix = stackalloc byte[MaxPrefixLength];
        var prefixLength = WritePrefix(messageId, timestampUnixSeconds, prefix);
        Span<byte> mac = stackalloc byte[HmacSha256.Length];
        HmacSha256.Compute(key, prefix[..prefixLength], body, mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    private static byte[]? TryDecodeSecret(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var text = secret.AsSpan();
        if (text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            text = text[SecretPrefix.Length..];
        }

        var buffer = new byte[((text.Length + 3) / 4) * 3];
        try
        {
            return Convert.TryFromBase64Chars(text, buffer, out var written) && written > 0 ? buffer[..written] : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private static WebhookFailureReason ParseSignatures(ReadOnlySpan<char> list, Span<byte> candidates, out int count)
    {
        count = 0;
        var entries = 0;
        while (!list.IsEmpty)
        {
            var space = list.IndexOf(' ');
            var entry = space < 0 ? list : list[..space];
            list = space < 0 ? default : list[(space + 1)..];
            if (entry.IsEmpty)
            {
                continue;
            }

            var comma = entry.IndexOf(',');
            if (++entries > MaxSignatures || comma <= 0)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            if (entry[..comma] is not "v1")
            {
                continue;
            }

            if (!Convert.TryFromBase64Chars(entry[(comma + 1)..], candidates.Slice(count * HmacSha256.Length, HmacSha256.Length), out var written)
                || written != HmacSha256.Length)
            {
                return WebhookFailureReason.MalformedSignature;
            }

            count++;
        }

        return count == 0 ? WebhookFailureReason.UnsupportedAlgorithm : WebhookFailureReason.None;
    }

    private static int WritePrefix(ReadOnlySpan<char> messageId, long timestampUnixSeconds, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetBytes(messageId, destination);
        destination[length++] = (byte)'.';
        return length + WriteTimestampPrefix(timestampUnixSeconds, destination[length..]);
    }
}
