using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>A scheme's clock and replay window; the window applies to the schemes that sign a timestamp.</summary>
public sealed class WebhookSchemeOptions
{
    /// <summary>The default replay window on either side of the clock: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private IEd25519? _ed25519;

    /// <summary>
    /// How far a signed timestamp may lie from the clock, in the past or the future. Default five minutes.
    /// </summary>
    public TimeSpan Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The clock used for the replay window and for signing. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The Ed25519 primitive for asymmetric signatures (Standard Webhooks <c>v1a</c> with <c>whpk_</c> keys, Discord).
    /// <see langword="null"/> (the default) leaves them unsupported; the <c>WebhookSignatures.Ed25519</c> package sets it.
    /// </summary>
    public IEd25519? Ed25519 { get => _ed25519; init => _ed25519 = value; }

    /// <summary>A copy of these options with <paramref name="ed25519"/> as the Ed25519 primitive, every other setting kept.</summary>
    internal WebhookSchemeOptions WithEd25519(IEd25519 ed25519)
    {
        var copy = (WebhookSchemeOptions)MemberwiseClone();
        copy._ed25519 = ed25519;
        return copy;
    }
}
