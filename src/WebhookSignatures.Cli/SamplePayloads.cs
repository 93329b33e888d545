using System.Globalization;
using System.Text;
using System.Text.Json;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twilio;

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
        HubSpotSignature.SchemeName => "contact.creation",
        SquareSignature.SchemeName => "payment.created",
        ShopifySignature.SchemeName => "orders/create",
        LinearSignature.SchemeName => "Issue",
        GitLabToken.SchemeName => "Push Hook",
        _ => "test",
    };

    /// <summary>A sample body (before signing) and its descriptive headers.</summary>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="eventName">The event; <see cref="DefaultEvent"/> when null.</param>
    /// <param name="deliveryId">Makes each sample unique, so replay protection tells samples apart.</param>
    /// <param name="at">The time a sender that writes its signed timestamp into the body (Linear) puts there.</param>
    public static (byte[] Body, List<KeyValuePair<string, string>> Headers) Create(string scheme, string? eventName, string deliveryId, DateTimeOffset? at = null)
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
            TwilioSignature.SchemeName => (Utf8("MessageSid=SM" + Uri.EscapeDataString(deliveryId) + "&From=%2B15551230000&To=%2B15559870000&Body=Hello"), [new(TwilioSignature.IdempotencyTokenHeaderName, deliveryId)]),
            HubSpotSignature.SchemeName => (Utf8($$$"""[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1764500000000,"subscriptionType":"{{{e}}}","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321,"sourceId":"{{{id}}}"}]"""), []),
            SquareSignature.SchemeName => (Utf8($$$"""{"merchant_id":"6SSW7HV8K2ST5","type":"{{{e}}}","event_id":"{{{id}}}","created_at":"2024-04-05T19:34:38.901Z","data":{"type":"payment","id":"KkAkhdMsgzn59SM8A89WgKwekxLZY"}}"""), []),
            ShopifySignature.SchemeName => (
                Utf8($$$"""{"id":820982911946154508,"email":"jon@example.com","total_price":"42.00","currency":"EUR","admin_graphql_api_id":"gid://shopify/Order/{{{id}}}"}"""),
                [new(ShopifySignature.TopicHeaderName, eventName), new(ShopifySignature.WebhookIdHeaderName, deliveryId)]),
            LinearSignature.SchemeName => (
                Utf8($$$"""{"action":"create","type":"{{{e}}}","data":{"id":"{{{id}}}","title":"Payments page is slow"},"webhookTimestamp":{{{(at ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}}"""),
                [new(LinearSignature.EventHeaderName, eventName), new(LinearSignature.DeliveryIdHeaderName, deliveryId)]),
            GitLabToken.SchemeName => (
                Utf8($$$"""{"object_kind":"push","event_name":"push","ref":"refs/heads/main","project":{"id":1,"path_with_namespace":"acme/payments"},"checkout_sha":"{{{id}}}"}"""),
                [new(GitLabToken.EventHeaderName, eventName), new(GitLabToken.EventIdHeaderName, deliveryId)]),
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
