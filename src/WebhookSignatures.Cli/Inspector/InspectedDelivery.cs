namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// One delivery as the inspector shows it: what the receiver answered, the hints <c>verify</c> gives, the headers
/// (credentials hidden) and the body, raw and formatted. <see cref="Body"/> and <see cref="SentHeaders"/> are the
/// exact request, for resending; the rest is for display and is HTML-encoded (server) or set as text (browser).
/// </summary>
internal sealed record InspectedDelivery
{
    private long _size = -1;

    /// <summary>Its number in this run, from 1; the server-sent event's id.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string? Scheme { get; init; }

    /// <summary>The event the headers or body name; unverified unless <see cref="Verified"/>.</summary>
    public required string? EventName { get; init; }

    /// <summary>Whether the signature verified (a duplicate of a verified delivery did too).</summary>
    public required bool Verified { get; init; }

    public required int Status { get; init; }

    /// <summary>accepted, duplicate, rejected, … as <c>listen</c> prints it.</summary>
    public required string Outcome { get; init; }

    public required string? Reason { get; init; }

    public required IReadOnlyList<string> Hints { get; init; }

    /// <summary>The headers to show: as received, with credentials (Authorization, Cookie) and any configured secret hidden.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The method and path with query, as received.</summary>
    public required string Method { get; init; }

    public required string PathAndQuery { get; init; }

    /// <summary>The body as UTF-8 text for display (invalid sequences as U+FFFD), at most <see cref="InspectedBody.DisplayLimit"/> characters.</summary>
    public required InspectedBody BodyView { get; init; }

    /// <summary>A shell command that runs <c>webhooksig verify</c> on exactly these headers and bytes.</summary>
    public required string VerifyCommand { get; init; }

    /// <summary>Where <c>--save</c> wrote it, or null.</summary>
    public string? SavedAs { get; init; }

    /// <summary>Whether the body was longer than the bytes kept; such a delivery cannot be resent.</summary>
    public required bool Truncated { get; init; }

    /// <summary>The exact body bytes, for resending.</summary>
    public required byte[] Body { get; init; }

    /// <summary>Every header as received, for resending.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> SentHeaders { get; init; }

    /// <summary>What it costs to keep, for the log's bound: the bytes, and each string at two bytes a character.</summary>
    public long Size => _size >= 0 ? _size : _size = Measure();

    private long Measure() => Body.Length
        + ((BodyView.Text.Length + (BodyView.Formatted?.Length ?? 0) + VerifyCommand.Length) * 2L)
        + ((Headers.Sum(h => (long)h.Key.Length + h.Value.Length) + SentHeaders.Sum(h => (long)h.Key.Length + h.Value.Length) + Hints.Sum(h => (long)h.Length)) * 2L)
        + 1024;
}
