namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// A delivery as the inspector's page receives it in a server-sent event: what it shows, never the exact bytes
/// (those stay on the server for resending). The page sets every field as text.
/// </summary>
internal sealed record InspectedDeliveryView(
    long Sequence,
    string Time,
    string? Scheme,
    string? Event,
    bool Verified,
    int Status,
    string Outcome,
    string? Reason,
    IReadOnlyList<string> Hints,
    IReadOnlyList<InspectedHeader> Headers,
    string Method,
    string Path,
    int BodyLength,
    string BodyText,
    string? BodyNote,
    string? FormattedKind,
    string? Formatted,
    string VerifyCommand,
    string? SavedAs,
    bool Truncated)
{
    public static InspectedDeliveryView From(InspectedDelivery d) => new(
        d.Sequence,
        InspectorPage.FormatTime(d.Time),
        d.Scheme,
        d.EventName,
        d.Verified,
        d.Status,
        d.Outcome,
        d.Reason,
        d.Hints,
        [.. d.Headers.Select(h => new InspectedHeader(h.Key, h.Value))],
        d.Method,
        d.PathAndQuery,
        d.BodyView.Length,
        d.BodyView.Text,
        d.BodyView.Note,
        d.BodyView.FormattedKind,
        d.BodyView.Formatted,
        d.VerifyCommand,
        d.SavedAs,
        d.Truncated);
}

/// <summary>A header line for display.</summary>
/// <param name="Name">The header name.</param>
/// <param name="Value">Its value, with credentials hidden.</param>
internal sealed record InspectedHeader(string Name, string Value);
