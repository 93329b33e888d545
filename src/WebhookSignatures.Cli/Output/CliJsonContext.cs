using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WebhookSignatures.Cli.Inspector;
using WebhookSignatures.Cli.Receiving;
using WebhookSignatures.Cli.Recording;

namespace WebhookSignatures.Cli.Output;

/// <summary>Source-generated JSON for the tool's output, so the tool stays trimming and Native AOT friendly.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VerifyReport))]
[JsonSerializable(typeof(SignReport))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(HealthReportBody))]
[JsonSerializable(typeof(RecordedDelivery))]
[JsonSerializable(typeof(InspectedDeliveryView))]
[JsonSerializable(typeof(ResendOutcome))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the tool writes with: on one line, and without escaping characters such as <c>+</c> or <c>&lt;</c>
    /// that are safe in a terminal, so a printed body reads as the bytes it stands for.
    /// </summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });

    /// <summary>The context for files people read, such as a recorded delivery: indented, otherwise as <see cref="Output"/>.</summary>
    public static CliJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
