using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>
/// Source-generated JSON metadata for every Snyk model: camelCase names (with Snyk's upper-case exceptions mapped
/// explicitly), nulls left out when writing. Use it to (de)serialize the models yourself without reflection.
/// To produce bytes to sign, use <see cref="SnykWebhookWriter"/>: it also picks the encoder and leaves out what the signer adds.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SnykPingEvent))]
[JsonSerializable(typeof(SnykProjectSnapshotEvent))]
internal sealed partial class SnykJsonContext : JsonSerializerContext
{
}
