using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// Source-generated JSON metadata for every Infisical model: camelCase names, nulls left out when writing (as
/// <c>JSON.stringify</c> drops <c>undefined</c>). Use it to (de)serialize the models yourself without reflection,
/// for example in an ASP.NET Core <c>TypeInfoResolverChain</c>.
/// To produce bytes to sign, use <see cref="InfisicalWebhookWriter"/>: it also picks the encoder and leaves out what the signer adds.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InfisicalSecretsModifiedEvent))]
[JsonSerializable(typeof(InfisicalSecretReminderExpiredEvent))]
[JsonSerializable(typeof(InfisicalSecretRotationFailedEvent))]
[JsonSerializable(typeof(InfisicalHoneyTokenTriggeredEvent))]
[JsonSerializable(typeof(InfisicalChangeRequestModifiedEvent))]
[JsonSerializable(typeof(InfisicalAccessRequestModifiedEvent))]
[JsonSerializable(typeof(InfisicalTestEvent))]
[JsonSerializable(typeof(InfisicalSlackMessage))]
[JsonSerializable(typeof(InfisicalTeamsMessage))]
internal sealed partial class InfisicalJsonContext : JsonSerializerContext
{
}
