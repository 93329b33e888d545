using System.Globalization;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>What the receiver did with one delivery: the line <c>listen</c> prints and what <c>demo</c> compares.</summary>
/// <param name="Time">When the response was decided.</param>
/// <param name="Scheme">The scheme of the endpoint that received it, or null for an unknown path.</param>
/// <param name="EventName">The verified delivery's event, or null.</param>
/// <param name="StatusCode">The HTTP status returned.</param>
/// <param name="Reason">
/// Why the handler did not run (a signature failure's name or one of <see cref="ReceiverReasons"/>), or null when it ran
/// or a handshake was answered.
/// </param>
/// <param name="Tag">The sender's <c>X-Webhooksig-Tag</c> header, which lets the demo match responses to records.</param>
internal sealed record DeliveryRecord(DateTimeOffset Time, string? Scheme, string? EventName, int StatusCode, string? Reason, string? Tag)
{
    /// <summary>The request's headers and exact body, when the receiver was asked to capture them.</summary>
    public CapturedRequest? Request { get; init; }

    /// <summary>The endpoint that received it, or null for an unknown path (or a method it does not take).</summary>
    public ReceiverEndpoint? Endpoint { get; init; }

    /// <summary>Whether the receiver refused it instead of running the handler; an acknowledged duplicate or an answered handshake is not refused.</summary>
    public bool Refused { get; init; }

    /// <summary>The header a sender may add to find its delivery's record; it is not signed and means nothing else.</summary>
    public const string TagHeaderName = "X-Webhooksig-Tag";

    /// <summary>accepted, duplicate, in-flight, rejected, timed-out, too-large, not-found, wrong-method, unavailable, downstream-unreachable or the status code.</summary>
    public string Outcome => Reason == ReceiverReasons.Duplicate ? "duplicate" : StatusCode switch
    {
        409 when Reason == ReceiverReasons.InFlight => "in-flight",
        502 when Reason == ReceiverReasons.DownstreamUnreachable => "downstream-unreachable",
        503 => "unavailable",
        >= 200 and < 300 => "accepted",
        401 => "rejected",
        408 => "timed-out",
        413 => "too-large",
        404 => "not-found",
        405 => "wrong-method",
        _ => StatusCode.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>One line: time, scheme, event, outcome and status, reason.</summary>
    /// <remarks>
    /// The event comes from an unsigned header (<c>X-GitHub-Event</c>) or the body, and the reason from a log event, so
    /// both are escaped: the line goes to the operator's terminal.
    /// </remarks>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Time:yyyy-MM-ddTHH:mm:ss.fffZ}  {TerminalText.Escape(Scheme) ?? "-",-17} {TerminalText.Escape(EventName) ?? "-",-40} {Outcome} {StatusCode}{(Reason is null ? string.Empty : " " + TerminalText.Escape(Reason))}");
}
