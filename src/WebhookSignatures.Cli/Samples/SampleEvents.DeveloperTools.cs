using System.Security.Cryptography;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Linear;

namespace WebhookSignatures.Cli.Samples;

/// <summary>Linear and GitLab: each sender's events, with the unsigned event and delivery headers they add.</summary>
internal static partial class SampleEvents
{
    /// <summary>Linear names the entity type (<c>Issue</c>); its signed <c>webhookTimestamp</c> is when it sends, in milliseconds.</summary>
    private static SampleEvent[] Linear() =>
    [
        new("Issue", (id, at) => LinearEvent("Issue", id, at, $$$"""{"id":"{{{Json(id)}}}","identifier":"PAY-42","title":"Payments page is slow","priority":2,"teamId":"72b2a2dc-6f4f-4423-9d34-24b5bd10634a","stateId":"1f5a5c41-b5b4-4d3b-9c4c-9a4a8a6b3a1f"}""", "https://linear.app/acme/issue/PAY-42/payments-page-is-slow")),
        new("Comment", (id, at) => LinearEvent("Comment", id, at, $$$"""{"id":"{{{Json(id)}}}","body":"Reproduced on staging.","issueId":"e3a5c0b8-9a8e-4a34-8c39-2b4f0c0b6f21","userId":"2e4f3c2b-0d1e-4f5a-8b6c-7d8e9f0a1b2c"}""", "https://linear.app/acme/issue/PAY-42/payments-page-is-slow#comment-1")),
    ];

    /// <summary>GitLab names the hook (<c>Push Hook</c>) in a header and the kind in <c>object_kind</c>.</summary>
    private static SampleEvent[] GitLab() =>
    [
        new("Push Hook", id => GitLabEvent("Push Hook", id, $$$"""{"object_kind":"push","event_name":"push","before":"95790bf891e76fee5e1747ab589903a6a1f80f22","after":"{{{CommitSha(id)}}}","ref":"refs/heads/main","checkout_sha":"{{{CommitSha(id)}}}","user_id":4,"user_name":"Ada Lovelace","user_username":"ada","project_id":15,"project":{"id":15,"name":"payments","path_with_namespace":"acme/payments","default_branch":"main","web_url":"https://gitlab.example.com/acme/payments"},"commits":[{"id":"{{{CommitSha(id)}}}","message":"Verify webhook signatures\n","author":{"name":"Ada Lovelace","email":"ada@example.com"}}],"total_commits_count":1}""")),
        new("Merge Request Hook", id => GitLabEvent("Merge Request Hook", id, $$$"""{"object_kind":"merge_request","event_type":"merge_request","user":{"id":4,"name":"Ada Lovelace","username":"ada"},"project":{"id":15,"name":"payments","path_with_namespace":"acme/payments"},"object_attributes":{"id":99,"iid":7,"title":"Verify webhook signatures","state":"opened","action":"open","source_branch":"verify-signatures","target_branch":"main","last_commit":{"id":"{{{CommitSha(id)}}}"}}""" + "}")),
    ];

    private static SampleDelivery LinearEvent(string type, string id, DateTimeOffset at, string data, string url) => new(
        Utf8($$$"""{"action":"create","actor":{"id":"2e4f3c2b-0d1e-4f5a-8b6c-7d8e9f0a1b2c","type":"user","name":"Ada Lovelace"},"createdAt":"{{{Iso(at)}}}","data":{{{data}}},"url":"{{{url}}}","type":"{{{type}}}","organizationId":"0c1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8","webhookTimestamp":{{{Ms(at)}}},"webhookId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"}"""),
        [new(LinearSignature.EventHeaderName, type), new(LinearSignature.DeliveryIdHeaderName, id)]);

    /// <summary>A commit id that differs per delivery, as every push and merge request names its own commit.</summary>
    private static string CommitSha(string id) => Convert.ToHexStringLower(SHA256.HashData(Utf8(id)))[..40];

    private static SampleDelivery GitLabEvent(string hook, string id, string body) => new(
        Utf8(body),
        [
            new(GitLabToken.EventHeaderName, hook),
            new(GitLabToken.EventIdHeaderName, id),
            new(GitLabToken.WebhookIdHeaderName, "b9fa4b1c-2e0d-4f39-9a53-6d2c1f0e8a77"),
            new("X-Gitlab-Instance", "https://gitlab.example.com"),
        ]);
}
