using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>
/// The secrets a receiver accepts, in order: the current secret first, older ones after, so a secret
/// can be rotated without downtime. Signing always uses the first. An empty ring verifies nothing.
/// </summary>
/// <remarks>
/// The ring copies the key bytes it is given and zeroes its copies when disposed. It never prints
/// them: <see cref="ToString"/> and the debugger show only how many keys it holds.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class KeyRing : IDisposable
{
    /// <summary>Secrets shorter than this many bytes fail <see cref="IsStrong(ReadOnlySpan{byte})"/>.</summary>
    public const int MinimumStrongLength = 16;

    /// <summary>The number of random bytes in a secret from <see cref="GenerateSecret"/>.</summary>
    public const int GeneratedSecretBytes = 32;

    private readonly byte[][] _keys;
    private readonly KeyedHmacSha256[] _hmacSha256;
    private bool _disposed;

    private KeyRing(byte[][] keys)
    {
        _keys = keys;
        _hmacSha256 = Array.ConvertAll(keys, static key => new KeyedHmacSha256(key));
    }

    /// <summary>A ring with no secrets: every verification fails with <see cref="WebhookFailureReason.NoSecrets"/>.</summary>
    public static KeyRing Empty => new([]);

    /// <summary>The number of secrets in the ring.</summary>
    public int Count => _keys.Length;

    /// <summary>Whether the ring has no secrets.</summary>
    public bool IsEmpty => _keys.Length == 0;

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
    /// Throws an <see cref="ArgumentException"/> naming the position (never the value) of the first secret
    /// shorter than <see cref="MinimumStrongLength"/> bytes. Call it where weak secrets must be refused.
    /// </summary>
    /// <returns>This ring, for chaining.</returns>
    public KeyRing EnsureStrong()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!IsStrong(_keys[i]))
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

    /// <summary>The key at <paramref name="index"/> (0 = current). For scheme implementations.</summary>
    /// <param name="index">The ring position.</param>
    public ReadOnlySpan<byte> GetKey(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _keys[index];
    }

    /// <summary>HMAC-SHA256 over <c>prefix || body</c> under the key at <paramref name="index"/>, reusing its keyed state.</summary>
    internal void ComputeHmacSha256(int index, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _hmacSha256[index].Compute(prefix, body, destination);
    }

    /// <summary>HMAC-SHA256 over <c>prefix || body || suffix</c> under the key at <paramref name="index"/>, reusing its keyed state.</summary>
    internal void ComputeHmacSha256(int index, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _hmacSha256[index].Compute(prefix, body, suffix, destination);
    }

    /// <summary>Zeroes the ring's copies of the keys.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var hmac in _hmacSha256)
        {
            hmac.Dispose();
        }

        foreach (var key in _keys)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"KeyRing ({_keys.Length} secret{(_keys.Length == 1 ? string.Empty : "s")})";

    private static void Clear(List<byte[]> keys)
    {
        foreach (var key in keys)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
