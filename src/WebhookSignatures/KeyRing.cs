using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// The keys a receiver accepts, in order: the current key first, older ones after, so a key
/// can be rotated without downtime. Signing uses the first, and during a rotation also the second (the previous key)
/// until a grace time ends (<see cref="WithPreviousKeySigningUntil"/>). An empty ring verifies nothing.
/// </summary>
/// <remarks>
/// <para>A sender rotating its key signs with both keys for a while, so receivers that still hold only the previous key
/// and those that already hold only the new one both accept: schemes whose header carries several signatures
/// (Standard Webhooks, Stripe-style, Paddle) write one per signing key; the others sign with the current key only.</para>
/// <para>Each key has a <see cref="WebhookKeyKind"/>. Most rings hold only shared secrets; a Standard Webhooks ring may
/// also hold Ed25519 public keys, and the ring never uses one kind as another: HMAC schemes see only the secrets
/// (<see cref="GetKey(int)"/> refuses any other kind), signature schemes only the public keys.</para>
/// <para>The ring copies the key bytes it is given and zeroes its copies when disposed. It never prints
/// them: <see cref="ToString"/> and the debugger show only how many keys of each kind it holds.</para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class KeyRing : IDisposable
{
    /// <summary>Secrets shorter than this many bytes fail <see cref="IsStrong(ReadOnlySpan{byte})"/>.</summary>
    public const int MinimumStrongLength = 16;

    /// <summary>The number of random bytes in a secret from <see cref="GenerateSecret"/>.</summary>
    public const int GeneratedSecretBytes = 32;

    private readonly byte[][] _keys;
    private readonly WebhookKeyKind[] _kinds;

    // Only secrets get a keyed HMAC state; the other kinds' slots stay null, so no HMAC is ever keyed by a public key.
    private readonly KeyedHmacSha256?[] _hmacSha256;
    private bool _disposed;

    private KeyRing(byte[][] keys, WebhookKeyKind[]? kinds = null, DateTimeOffset? previousKeySigningUntil = null)
    {
        PreviousKeySigningUntil = previousKeySigningUntil;
        _keys = keys;
        _kinds = kinds ?? new WebhookKeyKind[keys.Length];
        _hmacSha256 = new KeyedHmacSha256?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            _hmacSha256[i] = _kinds[i] == WebhookKeyKind.Secret ? new KeyedHmacSha256(keys[i]) : null;
        }
    }

    /// <summary>A ring with no keys: every verification fails with <see cref="WebhookFailureReason.NoSecrets"/>.</summary>
    public static KeyRing Empty => new([]);

    /// <summary>The number of keys in the ring, of every kind.</summary>
    public int Count => _keys.Length;

    /// <summary>Whether the ring has no keys.</summary>
    public bool IsEmpty => _keys.Length == 0;

    /// <summary>
    /// When the previous key (the second) stops signing beside the current one; <see langword="null"/> when only the
    /// current key signs. Set by <see cref="WithPreviousKeySigningUntil"/>.
    /// </summary>
    public DateTimeOffset? PreviousKeySigningUntil { get; }

    /// <summary>
    /// A copy of this ring in which the previous key (the second) signs beside the current one until
    /// <paramref name="graceEnds"/>: the grace time of a rotation, while receivers still hold only the previous key.
    /// Verification is unchanged. The copy holds its own copies of the keys: dispose it too.
    /// </summary>
    /// <param name="graceEnds">The first instant at which the previous key no longer signs.</param>
    /// <returns>The new ring.</returns>
    /// <exception cref="InvalidOperationException">The ring has fewer than two keys, so there is no previous key.</exception>
    /// <example>
    /// <code>
    /// // New secret first, the one receivers hold now second; both sign for a week.
    /// using var ring = KeyRing.FromSecrets(newSecret, oldSecret);
    /// using var signing = ring.WithPreviousKeySigningUntil(DateTimeOffset.UtcNow.AddDays(7));
    /// </code>
    /// </example>
    public KeyRing WithPreviousKeySigningUntil(DateTimeOffset graceEnds)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_keys.Length < 2)
        {
            throw new InvalidOperationException(
                $"The key ring has {_keys.Length} key{(_keys.Length == 1 ? string.Empty : "s")}: a rotation signs with the current key (first) and the previous one (second).");
        }

        return new([.. Array.ConvertAll(_keys, k => (byte[])k.Clone())], (WebhookKeyKind[])_kinds.Clone(), graceEnds);
    }

    /// <summary>
    /// How many keys sign at <paramref name="signingTime"/>, from the first: 2 while the previous key's grace time
    /// (<see cref="PreviousKeySigningUntil"/>) has not ended, otherwise 1; 0 for an empty ring. For scheme implementations.
    /// </summary>
    /// <param name="signingTime">The time being signed.</param>
    public int GetSigningKeyCount(DateTimeOffset signingTime) =>
        _keys.Length == 0 ? 0
        : _keys.Length > 1 && signingTime < PreviousKeySigningUntil ? 2
        : 1;

    /// <summary>
    /// Creates a ring from secrets used as their UTF-8 bytes, as every built-in scheme but Standard Webhooks keys them
    /// (Infisical project and alert webhooks, Snyk, GitHub, Stripe).
    /// </summary>
    /// <param name="secrets">Current secret first, older ones after. None may be null or empty.</param>
    public static KeyRing FromSecrets(params IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var keys = new List<byte[]>();
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                Clear(keys);
                throw new ArgumentException($"Secret {keys.Count} of the key ring is null or empty.", nameof(secrets));
            }

            keys.Add(Encoding.UTF8.GetBytes(secret));
        }

        return new([.. keys]);
    }

    /// <summary>Creates a ring from raw key bytes (for schemes whose secrets are encoded, such as Standard Webhooks).</summary>
    /// <param name="keys">Current key first, older ones after. None may be empty.</param>
    public static KeyRing FromKeys(params IEnumerable<ReadOnlyMemory<byte>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var copies = new List<byte[]>();
        foreach (var key in keys)
        {
            if (key.IsEmpty)
            {
                Clear(copies);
                throw new ArgumentException($"Key {copies.Count} of the key ring is empty.", nameof(keys));
            }

            copies.Add(key.ToArray());
        }

        return new([.. copies]);
    }

    /// <summary>
    /// Creates a ring of keys of any kind, such as a Standard Webhooks ring of <c>whsec_</c> secrets and
    /// <c>whpk_</c> public keys. Schemes build theirs with <see cref="WebhookScheme.CreateKeyRing"/>.
    /// </summary>
    /// <param name="entries">Current key first, older ones after. None may be empty; Ed25519 keys have their fixed lengths.</param>
    /// <exception cref="ArgumentException">A key is empty or has the wrong length for its kind; the message names its position.</exception>
    public static KeyRing FromEntries(params IEnumerable<KeyRingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var copies = new List<byte[]>();
        var kinds = new List<WebhookKeyKind>();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            var expected = entry.Kind switch
            {
                WebhookKeyKind.Ed25519PublicKey => IEd25519.PublicKeyLength,
                WebhookKeyKind.Ed25519PrivateKey => IEd25519.PrivateKeyLength,
                _ => 0,
            };
            if (entry.Key.IsEmpty || (expected != 0 && entry.Key.Length != expected))
            {
                Clear(copies);
                throw new ArgumentException(
                    $"Key {copies.Count} of the key ring is empty or has the wrong length for its kind ({entry.Kind}).", nameof(entries));
            }

            copies.Add(entry.Key.ToArray());
            kinds.Add(entry.Kind);
        }

        return new([.. copies], [.. kinds]);
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the position (never the value) of the first secret
    /// shorter than <see cref="MinimumStrongLength"/> bytes. Call it where weak secrets must be refused. Public and
    /// private Ed25519 keys have a fixed length and are not checked.
    /// </summary>
    /// <returns>This ring, for chaining.</returns>
    public KeyRing EnsureStrong()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_kinds[i] == WebhookKeyKind.Secret && !IsStrong(_keys[i]))
            {
                throw new ArgumentException(
                    $"Secret {i} of the key ring has {_keys[i].Length} bytes; at least {MinimumStrongLength} are required.");
            }
        }

        return this;
    }

    /// <summary>Whether a key is long enough to resist guessing (at least <see cref="MinimumStrongLength"/> bytes).</summary>
    /// <param name="key">The key bytes.</param>
    public static bool IsStrong(ReadOnlySpan<byte> key) => key.Length >= MinimumStrongLength;

    /// <summary>
    /// Generates a new secret: <see cref="GeneratedSecretBytes"/> bytes from <see cref="RandomNumberGenerator"/>
    /// written as URL-safe base64 without padding (43 characters), safe in headers, configuration and shells.
    /// </summary>
    public static string GenerateSecret()
    {
        Span<byte> random = stackalloc byte[GeneratedSecretBytes];
        RandomNumberGenerator.Fill(random);
        var text = Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        CryptographicOperations.ZeroMemory(random);
        return text;
    }

    /// <summary>What the key at <paramref name="index"/> is.</summary>
    /// <param name="index">The ring position.</param>
    public WebhookKeyKind GetKind(int index) => _kinds[index];

    /// <summary>
    /// The secret at <paramref name="index"/> (0 = current), for HMAC scheme implementations.
    /// </summary>
    /// <param name="index">The ring position.</param>
    /// <exception cref="InvalidOperationException">The key there is not a <see cref="WebhookKeyKind.Secret"/>.</exception>
    public ReadOnlySpan<byte> GetKey(int index) => GetKey(index, WebhookKeyKind.Secret);

    /// <summary>The key at <paramref name="index"/>, which must be of <paramref name="kind"/>. For scheme implementations.</summary>
    /// <param name="index">The ring position.</param>
    /// <param name="kind">The kind the caller is about to use it as.</param>
    /// <exception cref="InvalidOperationException">The key there is of another kind.</exception>
    public ReadOnlySpan<byte> GetKey(int index, WebhookKeyKind kind)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_kinds[index] != kind)
        {
            throw new InvalidOperationException($"Key {index} of the key ring is an {_kinds[index]}, not an {kind}.");
        }

        return _keys[index];
    }

    /// <summary>
    /// HMAC-SHA256 over <c>prefix || body</c> under the secret at <paramref name="index"/>, reusing its keyed state;
    /// <see langword="false"/> (nothing computed) when the key there is not a secret.
    /// </summary>
    internal bool TryComputeHmacSha256(int index, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_hmacSha256[index] is not { } hmac)
        {
            return false;
        }

        hmac.Compute(prefix, body, destination);
        return true;
    }

    /// <summary>
    /// The Ed25519 public key that verifies for the key at <paramref name="index"/>: a public key itself, or a private
    /// key's public half; empty for a secret.
    /// </summary>
    internal ReadOnlySpan<byte> GetEd25519PublicKey(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _kinds[index] switch
        {
            WebhookKeyKind.Ed25519PublicKey => _keys[index],
            WebhookKeyKind.Ed25519PrivateKey => _keys[index].AsSpan(IEd25519.SeedLength),
            _ => default,
        };
    }

    /// <summary>
    /// HMAC-SHA256 over <c>prefix || body || suffix</c> under the secret at <paramref name="index"/>, reusing its keyed
    /// state; <see langword="false"/> (nothing computed) when the key there is not a secret.
    /// </summary>
    internal bool TryComputeHmacSha256(int index, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_hmacSha256[index] is not { } hmac)
        {
            return false;
        }

        hmac.Compute(prefix, body, suffix, destination);
        return true;
    }

    /// <summary>Zeroes the ring's copies of the keys.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var hmac in _hmacSha256)
        {
            hmac?.Dispose();
        }

        foreach (var key in _keys)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc />
    /// <remarks>How many keys of each kind, such as <c>KeyRing (2 secrets)</c> or <c>KeyRing (1 secret, 1 Ed25519 public key)</c>.</remarks>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var kind in (ReadOnlySpan<WebhookKeyKind>)[WebhookKeyKind.Secret, WebhookKeyKind.Ed25519PublicKey, WebhookKeyKind.Ed25519PrivateKey])
        {
            var count = Array.FindAll(_kinds, k => k == kind).Length;
            if (count > 0 || (kind == WebhookKeyKind.Secret && _kinds.Length == 0))
            {
                var noun = kind switch
                {
                    WebhookKeyKind.Ed25519PublicKey => "Ed25519 public key",
                    WebhookKeyKind.Ed25519PrivateKey => "Ed25519 private key",
                    _ => "secret",
                };
                parts.Add($"{count} {noun}{(count == 1 ? string.Empty : "s")}");
            }
        }

        return $"KeyRing ({string.Join(", ", parts)})";
    }

    private static void Clear(List<byte[]> keys)
    {
        foreach (var key in keys)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
