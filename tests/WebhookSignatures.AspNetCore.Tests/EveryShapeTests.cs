using System.Globalization;
using System.Text;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Every case runs against the middleware, the endpoint convention and the MVC attribute, and every shape
/// must give the same statuses and bodies, and run the handler only for verified requests.
/// </summary>
public sealed class EveryShapeTests
{
    private const string GitHubZen = """{"zen":"Keep it logically awesome."}""";

    private const string SnykPing = """{"webhookId":"d3cf26b3-2d77-497b-bce2-23b33cc15362"}""";

    private static readonly Dictionary<string, Func<Step[]>> Cases = new()
    {
        ["infisical_signed_with_the_current_secret"] = () => [new(() => Deliveries.Infisical(Secrets.Infisical, TestApp.Now), 200, InfisicalEcho(0))],
        ["infisical_signed_with_the_previous_secret"] = () => [new(() => Deliveries.Infisical(Secrets.InfisicalPrevious, TestApp.Now), 200, InfisicalEcho(1))],
        ["infisical_signed_with_an_unknown_secret"] = () => [new(() => Deliveries.Infisical(Secrets.Unknown, TestApp.Now), 401, string.Empty)],
        ["infisical_without_signature"] = () => [new(() => Deliveries.Post("/hooks/infisical", Deliveries.InfisicalBody(TestApp.Now)), 401, string.Empty)],
        ["infisical_with_a_tampered_body"] = () => [new(InfisicalTampered, 401, string.Empty)],
        ["infisical_signed_too_long_ago"] = () => [new(() => Deliveries.Infisical(Secrets.Infisical, TestApp.Now.AddMinutes(-6)), 401, string.Empty)],
        ["infisical_signed_in_the_future"] = () => [new(() => Deliveries.Infisical(Secrets.Infisical, TestApp.Now.AddMinutes(6)), 401, string.Empty)],
        ["infisical_header_timestamp_is_not_the_signed_one"] = () => [new(InfisicalUnsignedTimestamp, 401, string.Empty)],
        ["infisical_with_two_signature_headers"] = () => [new(InfisicalTwice, 401, string.Empty)],
        ["infisical_replayed"] = () =>
        [
            new(() => Deliveries.Infisical(Secrets.Infisical, TestApp.Now), 200, InfisicalEcho(0)),
            new(() => Deliveries.Infisical(Secrets.Infisical, TestApp.Now), 200, string.Empty),
        ],
        ["snyk_signed"] = () => [new(() => Deliveries.Snyk(SnykPing), 200, SnykEcho(SnykPing.Length))],
        ["snyk_sha1_signature"] = () => [new(() => Deliveries.Post("/hooks/snyk", Encoding.UTF8.GetBytes(SnykPing), ("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567")), 401, string.Empty)],
        ["snyk_malformed_signature"] = () => [new(() => Deliveries.Post("/hooks/snyk", Encoding.UTF8.GetBytes(SnykPing), ("X-Hub-Signature", "sha256=zz")), 401, string.Empty)],
        ["snyk_with_two_signature_headers"] = () => [new(SnykTwice, 401, string.Empty)],
        ["snyk_replayed"] = () =>
        [
            new(() => Deliveries.Snyk(SnykPing), 200, SnykEcho(SnykPing.Length)),
            new(() => Deliveries.Snyk(SnykPing), 200, string.Empty),
        ],
        ["snyk_two_different_deliveries"] = () =>
        [
            new(() => Deliveries.Snyk(SnykPing), 200, SnykEcho(SnykPing.Length)),
            new(() => Deliveries.Snyk(SnykPing + " "), 200, SnykEcho(SnykPing.Length + 1)),
        ],
        ["snyk_body_exactly_at_the_limit"] = () => [new(() => SnykSized((int)TestApp.SnykMaxBodySize, chunked: false), 200, SnykEcho((int)TestApp.SnykMaxBodySize))],
        ["snyk_declared_length_one_byte_over_the_limit"] = () => [new(() => SnykSized((int)TestApp.SnykMaxBodySize + 1, chunked: false), 413, string.Empty)],
        ["snyk_chunked_body_crossing_the_limit"] = () => [new(() => SnykSized((int)TestApp.SnykMaxBodySize + 1, chunked: true), 413, string.Empty)],
        ["snyk_chunked_body_exactly_at_the_limit"] = () => [new(() => SnykSized((int)TestApp.SnykMaxBodySize, chunked: true), 200, SnykEcho((int)TestApp.SnykMaxBodySize))],
        ["github_signed"] = () => [new(() => Deliveries.GitHub(GitHubZen), 200, GitHubEcho(GitHubZen.Length))],
        ["github_one_mebibyte_chunked"] = () => [new(() => Deliveries.Hub(GitHubSignature.Default, Secrets.GitHub, Filler(1024 * 1024), "/hooks/github", chunked: true), 200, $"github|github|key=0|t=|event=|delivery=|reread=True|length={1024 * 1024}")],
        ["github_signature_under_the_snyk_header"] = () => [new(() => Deliveries.Hub(SnykSignature.Default, Secrets.GitHub, Encoding.UTF8.GetBytes("{}"), "/hooks/github"), 401, string.Empty)],
        ["endpoint_without_requirement_is_untouched"] = () => [new(() => Deliveries.Post("/open", Encoding.UTF8.GetBytes("plain")), 200, "unverified|5")],
    };

    public static TheoryData<string, Shape> CasesInEveryShape()
    {
        var data = new TheoryData<string, Shape>();
        foreach (var name in Cases.Keys)
        {
            foreach (var shape in Enum.GetValues<Shape>())
            {
                data.Add(name, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesInEveryShape))]
    public async Task Each_case_gets_the_same_responses_in_every_shape(string name, Shape shape)
    {
        var transcript = await RunAsync(name, shape);

        var expected = Cases[name]().Select(s => $"{s.Status} {s.Body}").ToList();
        transcript.Responses.Should().Equal(expected);
        transcript.HandlerRuns.Should().Be(
            expected.Count(e => e.StartsWith("200 ", StringComparison.Ordinal) && e.Length > 4),
            "the handler runs only for verified (or unprotected) requests; a duplicate's empty 200 never reaches it");
    }

    [Fact]
    public async Task The_three_shapes_produce_identical_transcripts_for_all_cases()
    {
        var byShape = new Dictionary<Shape, List<string>>();
        foreach (var shape in Enum.GetValues<Shape>())
        {
            var all = new List<string>();
            foreach (var name in Cases.Keys)
            {
                var transcript = await RunAsync(name, shape);
                all.Add($"{name}: {string.Join(" / ", transcript.Responses)} runs={transcript.HandlerRuns}");
            }

            byShape[shape] = all;
        }

        byShape[Shape.Convention].Should().Equal(byShape[Shape.Middleware]);
        byShape[Shape.Mvc].Should().Equal(byShape[Shape.Middleware]);
    }

    private static async Task<(List<string> Responses, int HandlerRuns)> RunAsync(string name, Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape);
        var responses = new List<string>();
        foreach (var step in Cases[name]())
        {
            using var request = step.Request();
            using var response = await app.Client.SendAsync(request);
            responses.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (responses, app.HandlerRuns);
    }

    private static string InfisicalEcho(int key) => string.Create(
        CultureInfo.InvariantCulture,
        $"infisical|infisical|key={key}|t={TestApp.Now.ToUnixTimeMilliseconds()}|event=secrets.modified|delivery=|reread=True|length={Deliveries.InfisicalBody(TestApp.Now).Length}");

    private static string SnykEcho(int length) => $"snyk|snyk|key=0|t=|event=project_snapshot/v0|delivery=transport-42|reread=True|length={length}";

    private static string GitHubEcho(int length) => $"github|github|key=0|t=|event=push|delivery=72d3162e|reread=True|length={length}";

    private static byte[] Filler(int length) => Enumerable.Repeat((byte)'a', length).ToArray();

    private static HttpRequestMessage SnykSized(int length, bool chunked) =>
        Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, Filler(length), "/hooks/snyk", chunked, ("X-Snyk-Event", "project_snapshot/v0"), ("X-Snyk-Transport-ID", "transport-42"));

    private static HttpRequestMessage InfisicalTampered()
    {
        var request = Deliveries.Infisical(Secrets.Infisical, TestApp.Now);
        var body = Deliveries.InfisicalBody(TestApp.Now);
        body[body.AsSpan().IndexOf("prod"u8) + 1] = (byte)'u';
        var header = request.Headers.GetValues(InfisicalSignature.SignatureHeaderName).Single();
        return Deliveries.Post("/hooks/infisical", body, (InfisicalSignature.SignatureHeaderName, header));
    }

    private static HttpRequestMessage InfisicalUnsignedTimestamp()
    {
        var body = Deliveries.InfisicalBody(TestApp.Now);
        using var keys = KeyRing.FromSecrets(Secrets.Infisical);
        var header = InfisicalSignature.CreateSignatureHeader(TestApp.Now.ToUnixTimeMilliseconds() + 1000, body, keys.GetKey(0));
        return Deliveries.Post("/hooks/infisical", body, (InfisicalSignature.SignatureHeaderName, header));
    }

    private static HttpRequestMessage InfisicalTwice()
    {
        var request = Deliveries.Infisical(Secrets.Infisical, TestApp.Now);
        var header = request.Headers.GetValues(InfisicalSignature.SignatureHeaderName).Single();
        request.Headers.TryAddWithoutValidation(InfisicalSignature.SignatureHeaderName, header);
        return request;
    }

    private static HttpRequestMessage SnykTwice()
    {
        var request = Deliveries.Snyk(SnykPing);
        var header = request.Headers.GetValues(SnykSignature.SignatureHeaderName).Single();
        request.Headers.TryAddWithoutValidation(SnykSignature.SignatureHeaderName, header);
        return request;
    }

    public sealed record Step(Func<HttpRequestMessage> Request, int Status, string Body);
}
