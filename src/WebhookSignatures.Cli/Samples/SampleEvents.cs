using System.Text;
using System.Text.Json;
using WebhookSignatures.Models.Infisical;
using WebhookSignatures.Models.Snyk;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.Cli.Samples;

/// <summary>
/// The events <c>send</c> and <c>demo</c> can send for each scheme, the first being the default: each a body shaped as
/// the sender writes it (Stripe indents its JSON; the others send it compact) and the unsigned headers it adds. The
/// handshakes senders make before delivering (Slack, Discord, Zoom, Twitch) are events too, so a receiver's answer can be tried.
/// </summary>
internal static partial class SampleEvents
{
    private static readonly Dictionary<string, SampleEvent[]> ByScheme = new(StringComparer.Ordinal)
    {
        [InfisicalSignature.SchemeName] =
        [
            new(InfisicalEventNames.SecretsModified, id => Infisical(new InfisicalSecretsModifiedEvent { Project = Project(id) })),
            new(InfisicalEventNames.SecretReminderExpired, id => Infisical(new InfisicalSecretReminderExpiredEvent { Project = Project(id) })),
            new(InfisicalEventNames.SecretRotationFailed, id => Infisical(new InfisicalSecretRotationFailedEvent { Project = Project(id) })),
            new(InfisicalEventNames.HoneyTokenTriggered, id => Infisical(new InfisicalHoneyTokenTriggeredEvent
            {
                Project = Project(id),
                HoneyToken = new InfisicalHoneyToken { Name = "aws-prod-canary", EventName = "GetCallerIdentity", SourceIp = "203.0.113.7", AwsRegion = "eu-west-1" },
            })),
            new(InfisicalEventNames.ChangeRequestModified, id => Infisical(new InfisicalChangeRequestModifiedEvent
            {
                Action = "created",
                Project = new InfisicalProjectReference { Id = id, Name = "Payments" },
                Request = new InfisicalChangeRequest { Id = "cr-" + id, Slug = "rotate-stripe-key", Status = "open", HasMerged = false, IsBypassed = false },
            })),
            new(InfisicalEventNames.AccessRequestModified, id => Infisical(new InfisicalAccessRequestModifiedEvent
            {
                Action = "created",
                Project = new InfisicalProjectReference { Id = id, Name = "Payments" },
                Request = new InfisicalAccessRequest { Id = "ar-" + id, Status = "pending", IsBypassed = false },
            })),
            new(InfisicalEventNames.Test, id => Infisical(new InfisicalTestEvent { Project = Project(id) })),
        ],
        [SnykSignature.SchemeName] =
        [
            new("project_snapshot/v0", id => new(
                Utf8($$$"""{"project":{"id":"{{{Json(id)}}}","name":"acme/payments:package.json","origin":"github","type":"npm"},"org":{"id":"8f1c2d3e-0000-4000-8000-000000000001","name":"Acme"},"group":{"id":"8f1c2d3e-0000-4000-8000-000000000002","name":"Acme group"},"newIssues":[],"removedIssues":[]}"""),
                SnykHeaders("project_snapshot/v0", id))),
            new("ping/v0", id => new(SnykWebhookWriter.ToJsonBytes(new SnykPingEvent { WebhookId = id }), SnykHeaders("ping/v0", id))),
        ],
        [GitHubSignature.SchemeName] =
        [
            new("ping", id => GitHub("ping", id, $$$"""{"zen":"Design for failure.","hook_id":1,"hook":{"type":"Repository","id":1,"active":true,"events":["push"]},"repository":{"id":1,"full_name":"acme/payments"},"delivery":"{{{Json(id)}}}"}""")),
            new("push", id => GitHub("push", id, $$$"""{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","repository":{"id":1,"full_name":"acme/payments"},"pusher":{"name":"octocat"},"sender":{"login":"octocat"},"delivery":"{{{Json(id)}}}"}""")),
            new("pull_request", id => GitHub("pull_request", id, $$$"""{"action":"opened","number":42,"pull_request":{"id":1,"number":42,"title":"Verify webhook signatures","state":"open"},"repository":{"id":1,"full_name":"acme/payments"},"sender":{"login":"octocat"},"delivery":"{{{Json(id)}}}"}""")),
            new("issues", id => GitHub("issues", id, $$$"""{"action":"opened","issue":{"id":1,"number":7,"title":"Signature fails behind the proxy","state":"open"},"repository":{"id":1,"full_name":"acme/payments"},"sender":{"login":"octocat"},"delivery":"{{{Json(id)}}}"}""")),
        ],
        [StandardWebhooksSignature.SchemeName] =
        [
            new("invoice.paid", id => new(Utf8($$$"""{"type":"invoice.paid","timestamp":"2024-04-05T19:34:38.901Z","data":{"invoiceId":"in_{{{Json(id)}}}","amount":4200,"currency":"eur"}}"""), [])),
            new("user.created", id => new(Utf8($$$"""{"type":"user.created","timestamp":"2024-04-05T19:34:38.901Z","data":{"userId":"usr_{{{Json(id)}}}","email":"ada@example.com"}}"""), [])),
        ],
        [StripeSignature.SchemeName] =
        [
            new("payment_intent.succeeded", id => Stripe("payment_intent.succeeded", id, "pi", "payment_intent", """
                      "amount": 4200,
                      "currency": "eur",
                      "status": "succeeded"
                """)),
            new("payment_intent.payment_failed", id => Stripe("payment_intent.payment_failed", id, "pi", "payment_intent", """
                      "amount": 4200,
                      "currency": "eur",
                      "status": "requires_payment_method"
                """)),
            new("checkout.session.completed", id => Stripe("checkout.session.completed", id, "cs", "checkout.session", """
                      "amount_total": 4200,
                      "currency": "eur",
                      "payment_status": "paid"
                """)),
            new("invoice.paid", id => Stripe("invoice.paid", id, "in", "invoice", """
                      "amount_paid": 4200,
                      "currency": "eur",
                      "status": "paid"
                """)),
            new("customer.subscription.deleted", id => Stripe("customer.subscription.deleted", id, "sub", "subscription", """
                      "status": "canceled",
                      "cancel_at_period_end": false
                """)),
        ],
        [InfisicalAlertsSignature.SchemeName] =
        [
            new("com.infisical.pki.certificate.expiring", id => new(Utf8($$$"""{"specversion":"1.0","type":"com.infisical.pki.certificate.expiring","source":"/projects/payments","id":"{{{Json(id)}}}","time":"2024-04-05T19:34:38.901Z","datacontenttype":"application/json","data":{"certificateName":"api.example.com","daysUntilExpiry":14}}"""), [])),
        ],
        [SlackSignature.SchemeName] = Slack(),
        [DiscordSignature.SchemeName] = Discord(),
        [ZoomSignature.SchemeName] = Zoom(),
        [TwitchSignature.SchemeName] = Twitch(),
        [PaddleSignature.SchemeName] = Paddle(),
        [TwilioSignature.SchemeName] = Twilio(),
        [HubSpotSignature.SchemeName] = HubSpot(),
        [SquareSignature.SchemeName] = Square(),
        [ShopifySignature.SchemeName] = Shopify(),
        [LinearSignature.SchemeName] = Linear(),
        [GitLabToken.SchemeName] = GitLab(),
    };

    /// <summary>The events the scheme's sample can be, the default first; empty for a scheme without samples.</summary>
    public static IReadOnlyList<SampleEvent> For(string scheme) => ByScheme.TryGetValue(scheme, out var events) ? events : [];

    /// <summary>The scheme's event of that name, or null when its sender sends no such event.</summary>
    public static SampleEvent? Find(string scheme, string eventName) => For(scheme).FirstOrDefault(e => e.Name == eventName);

    /// <summary>The event a scheme's sample uses when none is named.</summary>
    public static SampleEvent Default(string scheme) => For(scheme) is [var first, ..] ? first : Generic;

    /// <summary>"github: ping, push, …" for every scheme, as <c>send --help</c> lists them.</summary>
    public static string Describe() => string.Join("; ", ByScheme.Select(s => $"{s.Key}: {string.Join(", ", s.Value.Select(e => e.Name))}"));

    private static readonly SampleEvent Generic = new("test", id => new(Utf8($$$"""{"type":"test","id":"{{{Json(id)}}}","data":{}}"""), []));

    private static SampleDelivery Infisical(InfisicalEvent e) => new(InfisicalWebhookWriter.ToJsonBytes(e), []);

    private static InfisicalProject Project(string projectId) => new()
    {
        WorkspaceId = projectId,
        ProjectId = projectId,
        ProjectName = "Payments",
        Environment = "prod",
        EnvironmentName = "Production",
        SecretPath = "/api",
        ChangedBy = "Ada Lovelace",
        ChangedByActorType = "user",
    };

    private static List<KeyValuePair<string, string>> SnykHeaders(string eventHeader, string id) =>
        [new(SnykSignature.EventHeaderName, eventHeader), new(SnykSignature.DeliveryIdHeaderName, id)];

    private static SampleDelivery GitHub(string eventName, string id, string body) => new(
        Utf8(body),
        [new(GitHubSignature.EventHeaderName, eventName), new(GitHubSignature.DeliveryIdHeaderName, id), new("X-GitHub-Hook-ID", "1")]);

    /// <summary>A Stripe event as Stripe sends it: pretty-printed with two spaces, no final line break.</summary>
    private static SampleDelivery Stripe(string type, string id, string prefix, string objectName, string fields) => new(
        Utf8($$"""
            {
              "id": "{{Json(WithPrefix("evt_", id))}}",
              "object": "event",
              "api_version": "2024-06-20",
              "created": 1712345678,
              "data": {
                "object": {
                  "id": "{{prefix}}_{{Json(WithoutPrefix("evt_", id))}}",
                  "object": "{{objectName}}",
            {{fields.TrimEnd()}}
                }
              },
              "livemode": false,
              "pending_webhooks": 1,
              "type": "{{type}}"
            }
            """.ReplaceLineEndings("\n")),
        []);

    /// <summary>A delivery id with its sender's prefix: as given when it already has it (<c>--id evt_A</c> stays <c>evt_A</c>).</summary>
    internal static string WithPrefix(string prefix, string id) => id.StartsWith(prefix, StringComparison.Ordinal) ? id : prefix + id;

    /// <summary>A delivery id without its sender's prefix, for the ids of the objects an event carries (<c>pi_A</c>, not <c>pi_evt_A</c>).</summary>
    internal static string WithoutPrefix(string prefix, string id) =>
        id.Length > prefix.Length && id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : id;

    private static string Json(string text) => JsonEncodedText.Encode(text).ToString();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
