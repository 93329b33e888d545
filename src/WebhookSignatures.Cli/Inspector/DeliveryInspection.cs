using WebhookSignatures.Cli.Diagnostics;
using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// Turns what the receiver recorded into an <see cref="InspectedDelivery"/>: verified again as <c>verify</c> does,
/// as of when it arrived and with the endpoint's secrets and window, so the inspector's hints are the tool's hints.
/// </summary>
internal static class DeliveryInspection
{
    public static InspectedDelivery Create(WebhookSchemeCatalog schemes, long sequence, DeliveryRecord record, CapturedRequest request, TimeSpan tolerance, string? savedAs)
    {
        var secrets = record.Endpoint?.Secrets ?? [];
        string Redact(string text) => CliInputs.Redact(text, secrets);

        var headers = new WebhookHeaders();
        foreach (var (name, value) in request.Headers)
        {
            headers.Add(name, value);
        }

        DeliveryVerdict? verdict = null;
        if (record.Scheme is { } schemeName && schemes.TryGet(schemeName, out var descriptor))
        {
            var scheme = descriptor.Create(new WebhookSchemeOptions { TimeProvider = new FixedTimeProvider(record.Time), Tolerance = tolerance });
            using var keys = CheckedDelivery.TryCreateKeyRing(scheme, secrets);
            if (keys is not null)
            {
                verdict = DeliveryVerdict.Check(schemes, scheme, headers, request.Body, keys, secrets, request.Target);
            }
        }

        var contentType = headers.GetValue("Content-Type");
        return new InspectedDelivery
        {
            Sequence = sequence,
            Time = record.Time,
            Scheme = record.Scheme,
            EventName = verdict?.EventName ?? record.EventName,
            Verified = verdict?.Result.IsValid == true || record.EventName is not null,
            Status = record.StatusCode,
            Outcome = record.Outcome,
            Reason = record.Reason,
            Hints = [.. (verdict?.Hints ?? []).Select(Redact)],
            Headers = [.. request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, CredentialHeaders.Show(h.Key, h.Value, secrets)))],
            Method = request.Method,
            PathAndQuery = request.PathAndQuery,
            BodyView = InspectedBody.Create(request.Body, contentType, Redact),
            VerifyCommand = VerifyCommandLine.Create(schemes, record.Scheme, request.Headers.Where(h => !CredentialHeaders.IsCredential(h.Key)), request.Body, record.Time, request.Target, secrets),
            SavedAs = savedAs,
            Truncated = request.Truncated,
            Body = request.Body,
            SentHeaders = request.Headers,
        };
    }
}
