using System.Security.Cryptography;

namespace WebhookSignatures.Cryptography;

/// <summary>
/// HMAC-SHA256 under one key, with the keyed state kept between calls. A one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> builds a native context
/// and hashes the padded key on every call, which costs about as much as hashing a 1 KiB body; resetting a
/// keyed <see cref="IncrementalHash"/> keeps that work.
/// </summary>
/// <remarks>
/// Idle states wait in a few slots taken and given back with interlocked exchanges, so concurrent verifications
/// never share one and a steady stream of them allocates nothing.
/// </remarks>
internal sealed class KeyedHmacSha256 : IDisposable
{
    private readonly byte[] _key;
    private readonly IncrementalHash?[] _idle = new IncrementalHash?[Math.Clamp(Environment.ProcessorCount, 2, 16)];
    private volatile bool _disposed;

    public KeyedHmacSha256(byte[] key) => _key = key;

    /// <summary>Computes HMAC-SHA256 over <c>prefix || body</c> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, Span<byte> destination) => Compute(prefix, body, default, destination);

    /// <summary>Computes HMAC-SHA256 over <c>prefix || body || suffix</c> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> suffix, Span<byte> destination)
    {
        var start = (uint)Environment.CurrentManagedThreadId % (uint)_idle.Length;
        var hash = Take(start) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        var clean = false;
        try
        {
            if (!prefix.IsEmpty)
            {
                hash.AppendData(prefix);
            }

            hash.AppendData(body);
            if (!suffix.IsEmpty)
            {
                hash.AppendData(suffix);
            }

            hash.GetHashAndReset(destination);
            clean = true;
        }
        finally
        {
            // A state interrupted half-way holds partial input: never reuse it.
            if (!clean || !GiveBack(hash, start))
            {
                hash.Dispose();
            }
        }
    }

    /// <summary>Releases the idle states; a state in use is released when it is given back.</summary>
    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _idle.Length; i++)
        {
            Interlocked.Exchange(ref _idle[i], null)?.Dispose();
        }
    }

    private IncrementalHash? Take(uint start)
    {
        for (var i = 0u; i < (uint)_idle.Length; i++)
        {
            var slot = (start + i) % (uint)_idle.Length;
            if (Volatile.Read(ref _idle[slot]) is not null && Interlocked.Exchange(ref _idle[slot], null) is { } hash)
            {
                return hash;
            }
        }

        return null;
    }

    private bool GiveBack(IncrementalHash hash, uint start)
    {
        if (_disposed)
        {
            return false;
        }

        for (var i = 0u; i < (uint)_idle.Length; i++)
        {
            var slot = (start + i) % (uint)_idle.Length;
            if (Interlocked.CompareExchange(ref _idle[slot], hash, null) is null)
            {
                // Dispose may have swept the slots between the check above and this store.
                if (_disposed && Interlocked.CompareExchange(ref _idle[slot], null, hash) == hash)
                {
                    return false;
                }

                return true;
            }
        }

        return false;
    }
}
