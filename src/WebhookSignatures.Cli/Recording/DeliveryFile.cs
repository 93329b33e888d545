using System.Text.Json;
using WebhookSignatures.Cli.Output;
using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Recording;

/// <summary>Writes and reads <see cref="RecordedDelivery"/> files; a file that is not one is a usage error, never a crash.</summary>
internal static class DeliveryFile
{
    /// <summary>The largest file read back: a body at the receiver's limit in base64, and room for the headers.</summary>
    private const long MaxFileBytes = 16 * 1024 * 1024;

    public static RecordedDelivery From(DeliveryRecord record, CapturedRequest request) => new(
        RecordedDelivery.CurrentFormat,
        record.Time,
        record.Time.ToUnixTimeMilliseconds(),
        request.Method,
        request.Url,
        record.Scheme,
        record.StatusCode,
        record.Outcome,
        record.Reason,
        record.Refused,
        [.. request.Headers.Select(h => new RecordedHeader(h.Key, h.Value))],
        Convert.ToBase64String(request.Body),
        request.Truncated);

    public static byte[] ToJsonBytes(RecordedDelivery delivery) =>
        JsonSerializer.SerializeToUtf8Bytes(delivery, CliJsonContext.Indented.RecordedDelivery);

    /// <summary>Reads a delivery file, checking its format; the body is decoded to its exact bytes.</summary>
    public static async Task<(RecordedDelivery Delivery, byte[] Body)> ReadAsync(string path, string option, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
            {
                throw new UsageException($"{option} '{path}' is larger than a recorded delivery can be ({MaxFileBytes / (1024 * 1024)} MiB).");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"Cannot read {option} '{path}': {e.Message}", e);
        }

        RecordedDelivery? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize(bytes, CliJsonContext.Indented.RecordedDelivery);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{option} '{path}' is not a recorded delivery (JSON of format {RecordedDelivery.CurrentFormat}): {e.Message}", e);
        }

        if (delivery is null || delivery.Format != RecordedDelivery.CurrentFormat || delivery.Headers is null || delivery.BodyBase64 is null
            || delivery.Headers.Any(h => string.IsNullOrEmpty(h?.Name) || h.Value is null))
        {
            throw new UsageException($"{option} '{path}' is not a recorded delivery: it needs \"format\": \"{RecordedDelivery.CurrentFormat}\", \"headers\" with a name and value each, and \"bodyBase64\".");
        }

        try
        {
            return (delivery, Convert.FromBase64String(delivery.BodyBase64));
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option} '{path}': \"bodyBase64\" is not base64.", e);
        }
    }
}
