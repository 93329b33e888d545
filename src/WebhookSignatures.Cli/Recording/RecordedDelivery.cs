namespace WebhookSignatures.Cli.Recording;

/// <summary>
/// One delivery as <c>listen --save</c> writes it, one JSON file each (format <c>webhooksig-delivery/1</c>, documented
/// in docs/tool.md): when and where it arrived, what the receiver answered, every header in order and the exact body
/// bytes in base64. <c>replay</c> and <c>verify --delivery</c> read it back.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="ReceivedAt">When the receiver answered, in UTC.</param>
/// <param name="ReceivedAtUnixMs">The same instant in Unix milliseconds, as <c>verify --now</c> takes it.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The URL as received (its host is the request's Host header).</param>
/// <param name="Scheme">The scheme of the endpoint that received it, or null for an unknown path.</param>
/// <param name="Status">The status the receiver answered.</param>
/// <param name="Outcome">accepted, duplicate, rejected, … as <c>listen</c> prints it.</param>
/// <param name="Reason">The failure or refusal name, or null when accepted.</param>
/// <param name="Refused">
/// Whether the receiver refused it (a signature that did not verify, too large, too slow, in flight, store unavailable);
/// an acknowledged duplicate or an answered handshake is not refused. Null in files written before it was recorded.
/// </param>
/// <param name="Headers">Every header in the order received; a repeated header has one entry per value.</param>
/// <param name="BodyBase64">The exact body bytes, base64 (RFC 4648, with padding).</param>
/// <param name="BodyTruncated">Whether the body was longer than the bytes kept (over the receiver's limit).</param>
internal sealed record RecordedDelivery(
    string Format,
    DateTimeOffset ReceivedAt,
    long ReceivedAtUnixMs,
    string Method,
    string Url,
    string? Scheme,
    int Status,
    string Outcome,
    string? Reason,
    bool? Refused,
    IReadOnlyList<RecordedHeader> Headers,
    string BodyBase64,
    bool BodyTruncated)
{
    public const string CurrentFormat = "webhooksig-delivery/1";
}

/// <summary>One header line of a <see cref="RecordedDelivery"/>.</summary>
/// <param name="Name">The header name as received.</param>
/// <param name="Value">Its value.</param>
internal sealed record RecordedHeader(string Name, string Value);
