using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Cli.Output;

/// <summary>Source-generated JSON for the tool's output, so the tool stays trimming and Native AOT friendly.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(VerifyReport))]
[JsonSerializable(typeof(SignReport))]
[JsonSerializable(typeof(Dictionary<string, string>))]
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
}
