using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// Any body Infisical signs with <c>x-infisical-signature</c>: a general <see cref="InfisicalEvent"/>, a
/// <see cref="InfisicalSlackMessage"/>, a <see cref="InfisicalTeamsMessage"/>, or an <see cref="InfisicalUnknownEvent"/>.
/// Get one from <see cref="InfisicalWebhookParser.Parse(ReadOnlySpan{byte})"/> and switch on its type; write one with
/// <see cref="InfisicalWebhookWriter"/>.
/// </summary>
public abstract class InfisicalWebhook
{
    // The earliest and latest instants DateTimeOffset can hold, in Unix milliseconds.
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    private protected InfisicalWebhook()
    {
    }

    /// <summary>
    /// The body's top-level <c>timestamp</c> in Unix milliseconds, the value the signature covers; <see langword="null"/>
    /// when the body has none (a model built by a sender: the signer adds it).
    /// </summary>
    /// <remarks>Never serialized from the model: <see cref="WebhookSignatures.Schemes.Infisical.InfisicalSignature"/> appends it when signing.</remarks>
    [JsonIgnore]
    [JsonInclude]
    public long? TimestampUnixMs { get; internal set; }

    /// <summary>The <see cref="TimestampUnixMs"/> as a <see cref="DateTimeOffset"/>, when there is one in range.</summary>
    [JsonIgnore]
    public DateTimeOffset? Timestamp => TimestampUnixMs is { } ms and >= MinUnixMs and <= MaxUnixMs
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : null;

    /// <summary>
    /// Top-level members this model does not know (a newer sender's additions), kept as JSON rather than dropped.
    /// Serialized back when a sender writes the model.
    /// </summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}
