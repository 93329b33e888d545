using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>The receiver's outcomes that are not signature failures, as <c>listen</c> prints them and <c>demo</c> expects them.</summary>
internal static class ReceiverReasons
{
    /// <summary>A resent delivery already handled: acknowledged, handler not run.</summary>
    public const string Duplicate = "Duplicate";

    /// <summary>A duplicate that came while the first was being handled: told to retry later.</summary>
    public const string InFlight = "InFlight";

    /// <summary>The delivery store could not be reached.</summary>
    public const string StoreUnavailable = "StoreUnavailable";

    /// <summary><c>--forward-to</c>'s application could not be reached (502).</summary>
    public const string DownstreamUnreachable = "DownstreamUnreachable";

    /// <summary><c>--forward-to</c>'s application answered, then its body ended early, failed or did not finish in time.</summary>
    public const string DownstreamBodyCutShort = "DownstreamBodyCutShort";

    /// <summary>The name printed for an outcome: the signature failure when the signature failed, none for an answered handshake, else the outcome itself.</summary>
    public static string? Of(WebhookOutcomeContext? outcome) => outcome switch
    {
        null or { Outcome: WebhookOutcome.Handshake } => null,
        { Outcome: WebhookOutcome.Unverified } => outcome.FailureReason.ToString(),
        _ => outcome.Outcome.ToString(),
    };
}
