using System.Text.Json.Serialization;

namespace WebhookSignatures.Tests.Sending;

public sealed record SamplePing(string Event, string Zen);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SamplePing))]
internal sealed partial class SendingJsonContext : JsonSerializerContext;
