using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using WebhookSignatures.Cryptography;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.Schemes.Discord;

/// <summary>
/// Discord interactions (an application's Interactions Endpoint URL): <c>X-Signature-Ed25519</c>, the hex Ed25519
/// signature of <c>&lt;X-Signature-Timestamp&gt;&lt;body&gt;</c> (the timestamp text as sent, then the body, with
/// nothing between), and <c>X-Signature-Timestamp</c> in Unix seconds. The key is the application's public key, as the
/// Developer Portal shows it: 64 hexadecimal characters.
/// </summary>
/// <remarks>
/// <para>A ring may hold several public keys (a move to another application) and is tried in order. A 128-character
/// hex private key (the seed then its public key, as libsodium and tweetnacl write it) signs, for tests and for
/// senders of your own, and verifies with its public half. The replay window (default five minutes) applies to the
/// signed timestamp.</para>
/// <para>Discord sends a PING (<c>"type":1</c>) when the URL is saved and expects <c>{"type":1}</c> back from a verified
/// request; every other interaction expects its own response. Discord also sends deliberately bad signatures and
/// expects them refused with 401, which is what a failed verification gets.</para>
/// </remarks>
public sealed class DiscordSignature : WebhookScheme
{
    /// <summary>The signature header: 128 hexadecimal characters.</summary>
    public const string SignatureHeaderName = "X-Signature-Ed25519";

    /// <summary>The timestamp header (Unix seconds); its text is signed before the body.</summary>
    public const string TimestampHeaderName = "X-Signature-Timestamp";

    /// <summary>The scheme's name in the tool and in registrations.</summary>
    public const string SchemeName = "discord";

    private static readonly byte[] PongBody = """{"type":1}"""u8.ToArray();

    // A timestamp beyond 19 digits overflows and is refused before anything is signed.
    private const int MaxTimestampLength = 19;

    private static readonly string[] Headers = [SignatureHeaderName, TimestampHeaderName];

    /// <summary>Creates the scheme, always with <see cref="WebhookEd25519"/>.</summary>
    /// <param name="options">Tolerance (default five minutes) and clock.</param>
    public DiscordSignature(WebhookSchemeOptions? options = null)
        : base(SchemeName, new WebhookSchemeOptions
        {
            Tolerance = options?.Tolerance,
            TimeProvider = options?.TimeProvider ?? TimeProvider.System,
            Ed25519 = options?.Ed25519 ?? WebhookEd25519.Instance,
        })
    {
    }

    /// <summary>The scheme with default settings: five minutes of tolerance, the system clock.</summary>
    public static DiscordSignature Default { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> HeaderNames => Headers;

    /// <inheritdoc />
    public override bool SignsTimestamp => true;

    /// <inheritdoc />
    /// <remarks>
    /// The identity is what the signature covers, <c>&lt;timestamp&gt;&lt;body&gt;</c>. The event is the interaction's type
    /// by name and the delivery its <c>id</c>, both signed. A verified PING is answered with <c>{"type":1}</c>.
    /// </remarks>
    protected override void VerifyCore(ref WebhookVerificationContext context)
    {
        Span<byte> received = stackalloc byte[IEd25519.SignatureLength];
        if (!context.TryGetHeader(SignatureHeaderName, out var signature) || !context.TryGetHeader(TimestampHeaderName, out var timestamp)
            || !context.TryParseTimestamp(timestamp, WebhookTimestampUnit.Seconds, out var timestampUnixMs) || !context.TryDecodeHex(signature, received))
        {
            return;
        }

        // The digits exactly as received are what Discord signed (a leading zero included); parsing bounded them to 19.
        Span<byte> prefix = stackalloc byte[MaxTimestampLength];
        if (!context.MatchEd25519(prefix[..System.Text.Encoding.ASCII.GetBytes(timestamp, prefix)], received))
        {
            return;
        }

        context.CheckTimestamp(timestampUnixMs);
        var body = context.Body;
        if (context.Wants(WebhookReadParts.Description))
        {
            context.Describe(new(DiscordInteractionType.TryReadName(body), true, TopLevelJsonString.TryRead(body, "id"u8), true));
        }

        if (context.Wants(WebhookReadParts.Handshake) && TopLevelJsonString.TryReadInt32(body, "type"u8) == DiscordInteractionType.Ping)
        {
            context.AnswerHandshake(WebhookHandshakeResponse.Json(PongBody));
        }
    }

    /// <summary>
    /// Reads hex keys: an application's public key (64 characters) or a private key (128: the seed, then its public key).
    /// </summary>
    /// <param name="secrets">Current key first, older ones after.</param>
    /// <exception cref="ArgumentException">A key is not 64 or 128 hex characters, or a private key's halves do not belong together; the message names its position, never its value.</exception>
    public override KeyRing CreateKeyRing(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var entries = new List<KeyRingEntry>();
        try
        {
            foreach (var secret in secrets)
            {
                entries.Add(DiscordKeys.TryRead(secret) ?? throw new ArgumentException(
                    $"Key {entries.Count} of the key ring is not a Discord public key (64 hex characters) or private key (128).", nameof(secrets)));
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

    /// <summary>Generates a private key for a test sender: 128 hex characters, the seed then its public key.</summary>
    public static string GeneratePrivateKey() => DiscordKeys.Generate();

    /// <summary>
    /// Signs a body as Discord does: sent unchanged with <c>X-Signature-Ed25519</c> and <c>X-Signature-Timestamp</c>.
    /// </summary>
    /// <param name="body">The exact body to send.</param>
    /// <param name="keys">The keys (from <see cref="CreateKeyRing"/>); the first one signs and must be a private key.</param>
    /// <param name="parameters">The time to sign, truncated to whole seconds; Discord signs no id.</param>
    /// <exception cref="ArgumentException">The ring is empty or its first key is a public key.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The timestamp is before 1970.</exception>
    protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters)
    {
        if (keys.GetKind(0) != WebhookKeyKind.Ed25519PrivateKey)
        {
            throw new ArgumentException("Signing needs a Discord private key (128 hex characters) first in the ring; a public key only verifies.", nameof(keys));
        }

        var seconds = parameters.Timestamp!.Value.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(parameters));
        var text = seconds.ToString(CultureInfo.InvariantCulture);
        var message = new byte[text.Length + body.Length];
        System.Text.Encoding.ASCII.GetBytes(text, message);
        body.CopyTo(message.AsSpan(text.Length));
        Span<byte> signature = stackalloc byte[IEd25519.SignatureLength];
        WebhookEd25519.Instance.Sign(keys.GetKey(0, WebhookKeyKind.Ed25519PrivateKey), message, signature);
        var headers = new WebhookHeaders
        {
            { SignatureHeaderName, WebhookHmac.ToHex(signature) },
            { TimestampHeaderName, text },
        };
        return new SignedWebhook(body.ToArray(), headers, seconds * 1000);
    }
}
