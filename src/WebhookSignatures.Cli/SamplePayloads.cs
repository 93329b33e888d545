using System.Text;
using System.Text.Json;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Cli;

/// <summary>
/// Realistic sample deliveries for <c>send</c> and <c>demo</c>: a body shaped like the sender's, and the
/// descriptive (unsigned) headers the sender adds, such as the event name and delivery id.
/// </summary>
internal static class SamplePayloads
{
    /// <summary>The event a scheme's sample uses when none is named.</summary>
    public static string DefaultEvent(string scheme) => scheme switch
    {
        InfisicalSignature.SchemeName => "secrets.modified",
        SnykSignature.SchemeName => "project_snapshot/v0",
        GitHubSignature.SchemeName => "ping",
        StandardWebhooksSignature.SchemeName => "invoice.paid",
        DiscordSignature.SchemeName => "APPLICATION_COMMAND",
        StripeSignature.SchemeName => "payment_intent.succeeded",
        InfisicalAlertsSignature.SchemeName => "com.infisical.pki.certificate.expiring",
        _ => "test",
    };

    /// <summary>A sample body (before signing) and its descriptive headers.</summary>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="eventName">The event; <see cref="DefaultEvent"/> when null.</param>
    /// <param name="deliveryId">Makes each sample unique, so replay protection tells samples apart.</param>
    public static (byte[] Body, List<KeyValuePair<string, string>> Headers) Create(string scheme, string? eventName, string deliveryId)
    {
        eventName ??= DefaultEvent(scheme);
        var e = JsonEncodedText.Encode(eventName).ToString();
        var id = JsonEncodedText.Encode(deliveryId).ToString();
        return scheme switch
        {
            // Infisical puts the event in the body; the signer appends "timestamp" as the last member.
            InfisicalSignature.SchemeName when eventName == InfisicalEventNames.SecretsModified => (InfisicalWebhookWriter.ToJsonBytes(SecretsModified(deliveryId)), []),
            InfisicalSignature.SchemeName => (Utf8($$$"""{"event":"{{{e}}}","project":{"workspaceId":"{{{id}}}","projectId":"{{{id}}}","projectName":"Payments","environment":"prod","environmentName":"Production","secretPath":"/api","changedBy":"Ada Lovelace","changedByActorType":"user"}}"""), []),
            SnykSignature.SchemeName => (
                Utf8($$$"""{"project":{"id":"{{{id}}}","name":"acme/payments:package.json","origin":"github","type":"npm"},"org":{"id":"8f1c2d3e-0000-4000-8000-000000000001","name":"Acme"},"group":{"id":"8f1c2d3e-0000-4000-8000-000000000002","name":"Acme group"},"newIssues":[],"removedIssues":[]}"""),
                [new(SnykSignature.EventHeaderName, eventName), new(SnykSignature.DeliveryIdHeaderName, deliveryId)]),
            GitHubSignature.SchemeName => (
                eventName == "ping"
                    ? Utf8($$$"""{"zen":"Design for failure.","hook_id":1,"hook":{"type":"Repository","id":1,"active":true,"events":["push"]},"repository":{"id":1,"full_name":"acme/payments"},"delivery":"{{{id}}}"}""")
                    : Utf8($$$"""{"action":"{{{e}}}","repository":{"id":1,"full_name":"acme/payments"},"sender":{"login":"octocat"},"delivery":"{{{id}}}"}"""),
                [new(GitHubSignature.EventHeaderName, eventName), new(GitHubSignature.DeliveryIdHeaderName, deliveryId), new("X-GitHub-Hook-ID", "1")]),
            StandardWebhooksSignature.SchemeName => (Utf8($$$"""{"type":"{{{e}}}","timestamp":"2024-04-05T19:34:38.901Z","data":{"invoiceId":"in_{{{id}}}","amount":4200,"currency":"eur"}}"""), []),
            // Discord's event is the interaction's type: a PING (1) or, under any other name, a slash command (2) of that name.
            DiscordSignature.SchemeName => (Utf8($$$"""{"id":"{{{id}}}","application_id":"1234567890","type":{{{(eventName == "PING" ? 1 : 2)}}},"data":{"name":"{{{e}}}"},"token":"aW50ZXJhY3Rpb24","version":1}"""), []),
            StripeSignature.SchemeName => (Utf8($$$$"""{"id":"evt_{{{{id}}}}","object":"event","api_version":"2024-06-20","type":"{{{{e}}}}","livemode":false,"data":{"object":{"id":"pi_{{{{id}}}}","object":"payment_intent","amount":4200,"currency":"eur","status":"succeeded"}}}"""), []),
            InfisicalAlertsSignature.SchemeName => (Utf8($$$"""{"specversion":"1.0","type":"{{{e}}}","source":"/projects/payments","id":"{{{id}}}","time":"2024-04-05T19:34:38.901Z","datacontenttype":"application/json","data":{"certificateName":"api.example.com","daysUntilExpiry":14}}"""), []),
            _ => (Utf8($$$"""{"type":"{{{e}}}","id":"{{{id}}}","data":{}}"""), []),
        };
    }

    /// <summary>The library's own model, written as Infisical writes it.</summary>
    private static InfisicalSecretsModifiedEvent SecretsModified(string projectId) => new()
    {
        Project = new InfisicalProject
        {
            WorkspaceId = projectId,
            ProjectId = projectId,
            ProjectName = "Payments",
            Environment = "prod",
            EnvironmentName = "Production",
            SecretPath = "/api",
            ChangedBy = "Ada Lovelace",
            ChangedByActorType = "user",
        },
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
