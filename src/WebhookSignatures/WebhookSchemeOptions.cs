using WebhookSignatures.Cryptography;

namespace WebhookSignatures;

/// <summary>A scheme's clock, replay window and Ed25519 primitive; the window applies to the schemes that sign a timestamp.</summary>
public sealed class WebhookSchemeOptions
{
    /// <summary>The replay window on either side of the clock for senders that ask for none of their own: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far a signed timestamp may lie from the clock, in the past or the future. <see langword="null"/> (the
    /// default) is the window the sender documents: five minutes for most, ten for Twitch, one for Linear.
    /// </summary>
    public TimeSpan? Tolerance { get; init; }

    /// <summary>The clock used for the replay window and for signing. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The Ed25519 primitive for asymmetric signatures (Standard Webhooks <c>v1a</c> with <c>whpk_</c> keys, Discord).
    /// <see langword="null"/> (the default) leaves them unsupported; a catalog with the <c>WebhookSignatures.Ed25519</c>
    /// package's primitive sets it for every scheme it creates.
    /// </summary>
    public IEd25519? Ed25519 { get; init; }

    internal static WebhookSchemeOptions Defaults { get; } = new();
}
