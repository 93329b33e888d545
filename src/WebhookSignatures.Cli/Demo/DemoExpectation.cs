using System.Globalization;
using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Demo;

/// <summary>
/// What the receiver should do with one demo delivery: run the handler, or answer it itself (refuse it, or acknowledge a
/// duplicate) with a status and reason.
/// </summary>
/// <param name="Accepted">Whether a 2xx from the handler is expected.</param>
/// <param name="StatusCode">The receiver's own answer, when the handler is not expected to run.</param>
/// <param name="Reason">Why the handler does not run (the outcome or the signature failure), when it is not expected to.</param>
internal sealed record DemoExpectation(bool Accepted, int StatusCode, string? Reason)
{
    public static DemoExpectation Accept { get; } = new(true, 200, null);

    /// <summary>A resent delivery: acknowledged (200) as a duplicate without running the handler.</summary>
    public static DemoExpectation Duplicate { get; } = new(false, 200, ReceiverReasons.Duplicate);

    public static DemoExpectation Refuse(WebhookFailureReason reason) => new(false, 401, reason.ToString());

    /// <summary>Whether the receiver's answer is the expected one.</summary>
    public bool IsMetBy(int statusCode, string? reason) =>
        Accepted ? statusCode is >= 200 and < 300 && reason is null : statusCode == StatusCode && reason == Reason;

    /// <inheritdoc />
    public override string ToString() => Accepted ? "2xx accepted" : string.Create(CultureInfo.InvariantCulture, $"{StatusCode} {Reason}");
}
