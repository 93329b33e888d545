namespace WebhookSignatures;

/// <summary>A scheme's clock and replay window; the window applies to the schemes that sign a timestamp.</summary>
public sealed class WebhookSchemeOptions
{
    /// <summary>The default replay window on either side of the clock: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far a signed timestamp may lie from the clock, in the past or the future. Default five minutes.
    /// </summary>
    public TimeSpan Tolerance { get; init; } = DefaultTolerance;

    /// <summary>The clock used for the replay window and for signing. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
