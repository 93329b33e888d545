using System.Text.Json;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Models.Infisical;

/// <summary>
/// Writes an Infisical model as the exact bytes <see cref="InfisicalSignature"/> signs, and signs them in one call,
/// for services that send Infisical-style webhooks.
/// </summary>
/// <remarks>
/// The output is compact UTF-8 JSON without a top-level <c>timestamp</c> (the signer appends it last, as Infisical
/// does). Members keep their declared order (<c>event</c> first) and <c>null</c> members are left out, as
/// <c>JSON.stringify</c> leaves out <c>undefined</c>, so a model with the same values as an Infisical delivery writes
/// the same bytes. The encoder is <see cref="System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>:
/// non-ASCII text stays UTF-8 instead of <c>\uXXXX</c> escapes and <c>&lt; &gt; &amp; '</c> are not escaped, as in
/// JavaScript senders' output; quotes, backslashes, control characters and characters outside the Basic Multilingual
/// Plane (emoji) are still escaped, which any JSON reader decodes to the same text. Not escaping HTML characters is safe
/// because a webhook body is sent as <c>application/json</c> and never embedded in an HTML page.
/// </remarks>
internal static class InfisicalWebhookWriter
{
    /// <summary>Serializes a model to compact JSON without the <c>timestamp</c>.</summary>
    /// <param name="webhook">The model. An <see cref="InfisicalUnknownEvent"/> is written from its raw body.</param>
    /// <exception cref="ArgumentException">The model carries a <c>timestamp</c> in its additional properties.</exception>
    public static byte[] ToJsonBytes(InfisicalWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.AdditionalProperties?.ContainsKey("timestamp") == true)
        {
            throw new ArgumentException("The model's additional properties hold a \"timestamp\"; the signer writes it, so leave it out.", nameof(webhook));
        }

        var context = InfisicalJsonContext.Default;
        return webhook switch
        {
            InfisicalSecretsModifiedEvent e => WebhookJson.Serialize(e, context.InfisicalSecretsModifiedEvent),
            InfisicalSecretReminderExpiredEvent e => WebhookJson.Serialize(e, context.InfisicalSecretReminderExpiredEvent),
            InfisicalSecretRotationFailedEvent e => WebhookJson.Serialize(e, context.InfisicalSecretRotationFailedEvent),
            InfisicalHoneyTokenTriggeredEvent e => WebhookJson.Serialize(e, context.InfisicalHoneyTokenTriggeredEvent),
            InfisicalChangeRequestModifiedEvent e => WebhookJson.Serialize(e, context.InfisicalChangeRequestModifiedEvent),
            InfisicalAccessRequestModifiedEvent e => WebhookJson.Serialize(e, context.InfisicalAccessRequestModifiedEvent),
            InfisicalTestEvent e => WebhookJson.Serialize(e, context.InfisicalTestEvent),
            InfisicalSlackMessage m => WebhookJson.Serialize(m, context.InfisicalSlackMessage),
            InfisicalTeamsMessage m => WebhookJson.Serialize(m, context.InfisicalTeamsMessage),
            InfisicalUnknownEvent u when u.Raw.ValueKind == JsonValueKind.Object => WebhookJson.WriteObjectWithout(u.Raw, "timestamp"),
            _ => throw new ArgumentException($"{webhook.GetType().Name} cannot be written as an Infisical body.", nameof(webhook)),
        };
    }

    /// <summary>
    /// Serializes a model and signs it: the returned body has <c>"timestamp": &lt;ms&gt;</c> appended and the
    /// <c>x-infisical-signature</c> header computed over it. Send <see cref="SignedWebhook.Body"/> as it is.
    /// </summary>
    /// <param name="webhook">The model.</param>
    /// <param name="keys">The secrets; the first one signs.</param>
    /// <param name="timestamp">The time to sign; the scheme's clock when <see langword="null"/>.</param>
    /// <param name="scheme">The scheme (its clock); <see cref="InfisicalSignature.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The ring is empty, or the model cannot be written.</exception>
    public static SignedWebhook Sign(InfisicalWebhook webhook, KeyRing keys, DateTimeOffset? timestamp = null, InfisicalSignature? scheme = null) =>
        (scheme ?? InfisicalSignature.Default).Sign(ToJsonBytes(webhook), keys, new WebhookSigningParameters { Timestamp = timestamp });
}
