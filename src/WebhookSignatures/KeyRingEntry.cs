namespace WebhookSignatures;

/// <summary>One key of a <see cref="KeyRing"/> and what it is, for <see cref="KeyRing.FromEntries"/>.</summary>
public sealed class KeyRingEntry
{
    /// <summary>Describes a key; the ring copies its bytes.</summary>
    /// <param name="kind">What the key is.</param>
    /// <param name="key">The raw key bytes (for Ed25519, 32 bytes public, 64 bytes private).</param>
    public KeyRingEntry(WebhookKeyKind kind, ReadOnlyMemory<byte> key)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Unknown key kind.");
        }

        Kind = kind;
        Key = key;
    }

    /// <summary>What the key is.</summary>
    public WebhookKeyKind Kind { get; }

    /// <summary>The raw key bytes.</summary>
    public ReadOnlyMemory<byte> Key { get; }

    /// <inheritdoc />
    /// <remarks>The kind and the length, never the bytes.</remarks>
    public override string ToString() => $"{Kind} ({Key.Length} bytes)";
}
