using System.Net.Http.Headers;
using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Signed requests, made the way the senders make them.</summary>
public static class Deliveries
{
    public const string InfisicalEvent = """{"event":"secrets.modified","project":{"projectId":"p1","environment":"prod"}}""";

    public static byte[] InfisicalBody(DateTimeOffset at) =>
        new InfisicalSignature().Sign(Encoding.UTF8.GetBytes(InfisicalEvent), KeyRing.FromSecrets(Secrets.Infisical), new() { Timestamp = at }).Body.ToArray();

    /// <summary>An Infisical delivery signed at <paramref name="at"/> with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Infisical(string secret, DateTimeOffset at, string path = "/hooks/infisical")
    {
        using var keys = KeyRing.FromSecrets(secret);
        var signed = new InfisicalSignature().Sign(Encoding.UTF8.GetBytes(InfisicalEvent), keys, new() { Timestamp = at });
        return Post(path, signed.Body.ToArray(), (InfisicalSignature.SignatureHeaderName, signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!));
    }

    /// <summary>A hub-signed delivery (Snyk or GitHub) of <paramref name="body"/>.</summary>
    public static HttpRequestMessage Hub(HubSignature scheme, string secret, byte[] body, string path, bool chunked = false, params (string Name, string Value)[] extra)
    {
        using var keys = KeyRing.FromSecrets(secret);
        var header = HubSignature.CreateSignatureHeader(body, keys.GetKey(0));
        return Post(path, body, chunked, [(scheme.HeaderNames[0], header), .. extra]);
    }

    public static HttpRequestMessage Snyk(string body, string secret = Secrets.Snyk, string path = "/hooks/snyk") =>
        Hub(SnykSignature.Default, secret, Encoding.UTF8.GetBytes(body), path, false, ("X-Snyk-Event", "project_snapshot/v0"), ("X-Snyk-Transport-ID", "transport-42"));

    public static HttpRequestMessage GitHub(string body, string secret = Secrets.GitHub, string path = "/hooks/github") =>
        Hub(GitHubSignature.Default, secret, Encoding.UTF8.GetBytes(body), path, false, ("X-GitHub-Event", "push"), ("X-GitHub-Delivery", "72d3162e"));

    public static HttpRequestMessage Post(string path, byte[] body, params (string Name, string Value)[] headers) => Post(path, body, false, headers);

    public static HttpRequestMessage Post(string path, byte[] body, bool chunked, params (string Name, string Value)[] headers)
    {
        HttpContent content = chunked ? new ChunkedContent(body) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
