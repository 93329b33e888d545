using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// One verification in progress, handed to a scheme's <c>VerifyCore</c>:
/// the delivery and the key ring, and the building blocks every scheme is made of. Reading a header, decoding a MAC,
/// matching every key against every received MAC in constant time over what the sender signed, applying the replay
/// window to a signed timestamp: each records what it found, and the first failure is the result's reason.
/// </summary>
/// <remarks>
/// <para>The context knows what the MAC that matched covered, so a delivery's identity is exactly that, in the form that
/// verified, unless the scheme names an id the sender signed (<see cref="IdentifyBySignedId"/>). Identity, description and
/// handshake are kept only for a delivery that verified, and only when the caller asked for them
/// (<see cref="Wants"/>): a scheme skips the work for a part nobody asked for.</para>
/// <para>Never throws on what a sender controls. A building block that fails records the reason and returns
/// <see langword="false"/>; the scheme returns.</para>
/// </remarks>
public ref struct WebhookVerificationContext
{
    private readonly WebhookScheme _scheme;
    private readonly IWebhookHeaders _headers;
    private readonly ReadOnlySpan<byte> _body;
    private readonly WebhookRequestTarget _target;
    private readonly KeyRing _keys;
    private readonly WebhookReadParts _parts;
    private WebhookFailureReason _failure;
    private int _matchedKeyIndex;
    private long _timestampUnixMs;
    private bool _hasTimestamp;
    private WebhookDeliveryIdentity _identity;
    private WebhookDeliveryDescription _description;
    private WebhookHandshakeResponse? _handshake;

    internal WebhookVerificationContext(WebhookScheme scheme, in WebhookDelivery delivery, KeyRing keys, WebhookReadParts parts)
    {
        _scheme = scheme;
        _headers = delivery.Headers;
        _body = delivery.Body;
        _target = delivery.Target;
        _keys = keys;
        _parts = parts;
        _matchedKeyIndex = -1;
    }

    /// <summary>The delivery's headers.</summary>
    public readonly IWebhookHeaders Headers => _headers;

    /// <summary>The raw body, byte for byte as received.</summary>
    public readonly ReadOnlySpan<byte> Body => _body;

    /// <summary>The request line the delivery arrived on; never <see cref="WebhookRequestTarget.None"/> for a scheme that signs it.</summary>
    public readonly WebhookRequestTarget Target => _target;

    /// <summary>The accepted keys, current first; never empty.</summary>
    public readonly KeyRing Keys => _keys;

    /// <summary>Whether a key has matched and nothing has failed since: the delivery verifies unless its timestamp is outside the window.</summary>
    public readonly bool IsMatched => _matchedKeyIndex >= 0 && _failure == WebhookFailureReason.None;

    /// <summary>The ring position of the key that matched; -1 before one has.</summary>
    public readonly int MatchedKeyIndex => _matchedKeyIndex;

    /// <summary>Whether the caller asked for <paramref name="part"/>; read it only then.</summary>
    /// <param name="part">One part.</param>
    public readonly bool Wants(WebhookReadParts part) => (_parts & part) != 0;

    /// <summary>
    /// Records the failure <paramref name="reason"/> (the first failure recorded is the result's) and returns
    /// <see langword="false"/>, so a scheme can write <c>return context.Fail(…);</c>. A failure stands even after a match.
    /// </summary>
    /// <param name="reason">Why the delivery does not verify.</param>
    public bool Fail(WebhookFailureReason reason)
    {
        if (reason == WebhookFailureReason.None)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), "A failure needs a reason other than None.");
        }

        if (_failure == WebhookFailureReason.None)
        {
            _failure = reason;
        }

        return false;
    }

    /// <summary>
    /// Reads a header the scheme needs, trimmed of spaces and tabs; an absent or blank one fails with
    /// <see cref="WebhookFailureReason.MissingSignature"/>.
    /// </summary>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The trimmed value.</param>
    public bool TryGetHeader(string name, out ReadOnlySpan<char> value)
    {
        value = GetHeader(name);
        return !value.IsEmpty || Fail(WebhookFailureReason.MissingSignature);
    }

    /// <summary>Reads an optional header, trimmed of spaces and tabs; empty when absent.</summary>
    /// <param name="name">The header's name.</param>
    public readonly ReadOnlySpan<char> GetHeader(string name) => _headers.GetValue(name).AsSpan().Trim(" \t");

    /// <summary>
    /// Parses a received Unix timestamp written in <paramref name="unit"/> (ASCII digits only: no sign, no spaces, no
    /// overflow) into milliseconds; anything else fails with <see cref="WebhookFailureReason.MalformedSignature"/>.
    /// </summary>
    /// <param name="text">The received text.</param>
    /// <param name="unit">The unit the sender writes.</param>
    /// <param name="timestampUnixMs">The timestamp in Unix milliseconds.</param>
    public bool TryParseTimestamp(scoped ReadOnlySpan<char> text, WebhookTimestampUnit unit, out long timestampUnixMs) =>
        UnixTimestamp.TryParse(text, unit, out timestampUnixMs) || Fail(WebhookFailureReason.MalformedSignature);

    /// <summary>
    /// Decodes hex (either case) that must fill <paramref name="destination"/> exactly; anything else fails with
    /// <see cref="WebhookFailureReason.MalformedSignature"/>.
    /// </summary>
    /// <param name="hex">The received text.</param>
    /// <param name="destination">The decoded bytes; its length is the length expected.</param>
    public bool TryDecodeHex(scoped ReadOnlySpan<char> hex, scoped Span<byte> destination) =>
        Hex.TryDecode(hex, destination) || Fail(WebhookFailureReason.MalformedSignature);

    /// <summary>
    /// Decodes padded base64 that must fill <paramref name="destination"/> exactly; anything else (including text longer
    /// than that, refused before any decoding) fails with <see cref="WebhookFailureReason.MalformedSignature"/>.
    /// </summary>
    /// <param name="text">The received text.</param>
    /// <param name="destination">The decoded bytes; its length is the length expected.</param>
    public bool TryDecodeBase64(scoped ReadOnlySpan<char> text, scoped Span<byte> destination) =>
        Base64Mac.TryDecode(text, destination) || Fail(WebhookFailureReason.MalformedSignature);

    /// <summary>
    /// Tries every secret of the ring against every received HMAC-SHA256 over <c>prefix || body</c>, in constant time.
    /// A mismatch is not yet a failure: a scheme may try another form; if none matches, the result is
    /// <see cref="WebhookFailureReason.SignatureMismatch"/>.
    /// </summary>
    /// <param name="signedPrefix">What the sender signs before the body; empty when it signs the body alone.</param>
    /// <param name="candidates">The received MACs, 32 bytes each, back to back.</param>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of MACs.</exception>
    public bool MatchHmacSha256(scoped ReadOnlySpan<byte> signedPrefix, scoped ReadOnlySpan<byte> candidates) =>
        MatchHmacSha256(signedPrefix, _body, default, candidates);

    /// <summary>
    /// Tries every secret of the ring against every received HMAC-SHA256 over <c>prefix || content || suffix</c>, for
    /// senders that sign something after the body (HubSpot's timestamp) or something other than the body (Twilio's
    /// sorted parameters).
    /// </summary>
    /// <param name="signedPrefix">What the sender signs before the content.</param>
    /// <param name="signedContent">The signed content, usually <see cref="Body"/>.</param>
    /// <param name="signedSuffix">What the sender signs after the content.</param>
    /// <param name="candidates">The received MACs, 32 bytes each, back to back.</param>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of MACs.</exception>
    public bool MatchHmacSha256(scoped ReadOnlySpan<byte> signedPrefix, scoped ReadOnlySpan<byte> signedContent, scoped ReadOnlySpan<byte> signedSuffix, scoped ReadOnlySpan<byte> candidates)
    {
        if (candidates.IsEmpty || candidates.Length % HmacSha256.Length != 0)
        {
            throw new ArgumentException($"The candidates must be one or more MACs of {HmacSha256.Length} bytes, back to back.", nameof(candidates));
        }

        return Matched(HmacSha256.FindMatchingKey(_keys, signedPrefix, signedContent, signedSuffix, candidates), signedPrefix, signedContent, signedSuffix);
    }

    /// <summary>
    /// Tries every secret of the ring against one received HMAC-SHA1 over <c>prefix || content</c>, for senders that sign
    /// with SHA-1 (GitHub's legacy header, Twilio's default).
    /// </summary>
    /// <param name="signedPrefix">What the sender signs before the content.</param>
    /// <param name="signedContent">The signed content, usually <see cref="Body"/>.</param>
    /// <param name="received">The received MAC, 20 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="received"/> is not 20 bytes.</exception>
    public bool MatchHmacSha1(scoped ReadOnlySpan<byte> signedPrefix, scoped ReadOnlySpan<byte> signedContent, scoped ReadOnlySpan<byte> received)
    {
        if (received.Length != HmacSha1.Length)
        {
            throw new ArgumentException($"An HMAC-SHA1 has {HmacSha1.Length} bytes.", nameof(received));
        }

        return Matched(HmacSha1.FindMatchingKey(_keys, signedPrefix, signedContent, received), signedPrefix, signedContent, default);
    }

    /// <summary>
    /// Tries every Ed25519 public key of the ring (and the public half of every private key; never a secret) against every
    /// received signature over <c>prefix || body</c>. Without an Ed25519 primitive (<see cref="WebhookSchemeOptions.Ed25519"/>)
    /// it fails with <see cref="WebhookFailureReason.UnsupportedAlgorithm"/>.
    /// </summary>
    /// <param name="signedPrefix">What the sender signs before the body.</param>
    /// <param name="candidates">The received signatures, 64 bytes each, back to back.</param>
    /// <exception cref="ArgumentException"><paramref name="candidates"/> is empty or not a whole number of signatures.</exception>
    public bool MatchEd25519(scoped ReadOnlySpan<byte> signedPrefix, scoped ReadOnlySpan<byte> candidates)
    {
        if (candidates.IsEmpty || candidates.Length % IEd25519.SignatureLength != 0)
        {
            throw new ArgumentException($"The candidates must be one or more signatures of {IEd25519.SignatureLength} bytes, back to back.", nameof(candidates));
        }

        if (_scheme.Ed25519Primitive is not { } ed25519)
        {
            return Fail(WebhookFailureReason.UnsupportedAlgorithm);
        }

        return Matched(Ed25519Signatures.FindMatchingKey(ed25519, _keys, signedPrefix, _body, candidates), signedPrefix, _body, default);
    }

    /// <summary>
    /// Compares a received token with every secret of the ring in constant time (hashed first, so neither length nor
    /// content leaks), for senders that send the shared secret itself (GitLab). Nothing is signed, so the identity is the
    /// body.
    /// </summary>
    /// <param name="token">The received token.</param>
    public bool MatchToken(scoped ReadOnlySpan<char> token)
    {
        Span<byte> received = stackalloc byte[SHA256.HashSizeInBytes];
        HashUtf8(token, received);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        var matched = -1;
        for (var k = 0; k < _keys.Count; k++)
        {
            // Public and private Ed25519 keys are never tokens; every secret is compared, so the time taken says nothing.
            if (_keys.GetKind(k) != WebhookKeyKind.Secret)
            {
                continue;
            }

            SHA256.HashData(_keys.GetKey(k), expected);
            if (CryptographicOperations.FixedTimeEquals(expected, received) && matched < 0)
            {
                matched = k;
            }
        }

        CryptographicOperations.ZeroMemory(expected);
        return Matched(matched, default, _body, default);
    }

    /// <summary>
    /// Records the timestamp the matched signature covers; the replay window (<see cref="WebhookScheme.Tolerance"/>
    /// around <see cref="WebhookScheme.TimeProvider"/>'s clock, both sides) is applied to it when the result is made. Pass
    /// only a signed value: an unsigned header proves nothing about freshness.
    /// </summary>
    /// <param name="signedTimestampUnixMs">The signed timestamp in Unix milliseconds.</param>
    public void CheckTimestamp(long signedTimestampUnixMs)
    {
        _timestampUnixMs = signedTimestampUnixMs;
        _hasTimestamp = true;
    }

    /// <summary>
    /// Identifies the delivery by an id its signature covers and its sender keeps across retries (Standard Webhooks'
    /// <c>webhook-id</c>, a Stripe event's <c>id</c>), instead of by what the MAC covered. Does nothing unless the identity
    /// was asked for, or for an empty id.
    /// </summary>
    /// <param name="signedId">The id, covered by the signature that verifies.</param>
    public void IdentifyBySignedId(scoped ReadOnlySpan<char> signedId)
    {
        if (Wants(WebhookReadParts.Identity) && !signedId.IsEmpty)
        {
            _identity = WebhookDeliveryIdentity.FromSignedId(signedId);
        }
    }

    /// <summary>Records what the delivery says about itself; kept only if it verifies. Read it only when <see cref="Wants"/> says so.</summary>
    /// <param name="description">The event name and the sender's delivery id, each marked signed or not.</param>
    public void Describe(in WebhookDeliveryDescription description) => _description = description;

    /// <summary>
    /// Records the reply to a sender's handshake; kept only if the delivery verifies with a key of the ring. Recognise the
    /// handshake by the signed body (an unsigned header alone never makes one), and only when <see cref="Wants"/> says so.
    /// </summary>
    /// <param name="answer">The reply, such as <see cref="WebhookHandshakeResponse.Json"/>.</param>
    public void AnswerHandshake(WebhookHandshakeResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _handshake = answer;
    }

    internal readonly WebhookVerificationResult ToResult()
    {
        if (_failure != WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(_failure);
        }

        if (_matchedKeyIndex < 0)
        {
            return WebhookVerificationResult.Failure(WebhookFailureReason.SignatureMismatch);
        }

        long? timestamp = _hasTimestamp ? _timestampUnixMs : null;
        if (_hasTimestamp && TimestampWindow.Check(_timestampUnixMs, _scheme.TimeProvider, _scheme.Tolerance) is var window and not WebhookFailureReason.None)
        {
            return WebhookVerificationResult.Failure(window, _matchedKeyIndex, timestamp);
        }

        return WebhookVerificationResult.Success(
            _matchedKeyIndex,
            timestamp,
            Wants(WebhookReadParts.Identity) ? _identity : default,
            Wants(WebhookReadParts.Description) ? _description : default,
            Wants(WebhookReadParts.Handshake) ? _handshake : null);
    }

    // The first match stands; when the identity was asked for and no signed id names it, it is what this MAC covered.
    private bool Matched(int keyIndex, scoped ReadOnlySpan<byte> prefix, scoped ReadOnlySpan<byte> content, scoped ReadOnlySpan<byte> suffix)
    {
        if (keyIndex < 0)
        {
            return false;
        }

        if (_matchedKeyIndex < 0)
        {
            _matchedKeyIndex = keyIndex;
            if (Wants(WebhookReadParts.Identity) && _identity.IsEmpty)
            {
                _identity = WebhookDeliveryIdentity.FromSignedContent(prefix, content, suffix);
            }
        }

        return _failure == WebhookFailureReason.None;
    }

    private static void HashUtf8(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var bytes = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, bytes);
            SHA256.HashData(bytes[..written], destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
