using System.Text;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>
/// JSON whose escapes are not valid UTF-16 (a lone surrogate in a member name or a value) makes System.Text.Json throw
/// <see cref="InvalidOperationException"/> when a name or value is compared or read. A sender controls the body, so no
/// scheme of the catalog may let it escape from describing, identifying, verifying or answering a handshake.
/// </summary>
public sealed class InvalidEscapeTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        string[] bodies =
        [
            """{"\ud800":1}""",
            """{"type":"\ud800","id":"\udfff","event":{"type":"\ud800"},"challenge":"\ud800","payload":{"plainToken":"\ud800"}}""",
            """{"\udc00type":1,"event_id":"\ud800","webhookTimestamp":1,"\ud800":{"\udfff":2}}""",
        ];
        foreach (var scheme in Ed25519SchemeCatalog.All)
        {
            foreach (var body in bodies)
            {
                data.Add(scheme.Name, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_body_with_a_lone_surrogate_escape_never_throws(string name, string text)
    {
        var scheme = Ed25519SchemeCatalog.Get(name).Create();
        var body = Encoding.UTF8.GetBytes(text);
        var headers = new WebhookHeaders();
        foreach (var header in scheme.HeaderNames)
        {
            headers.Add(header, "\\ud800");
        }

        using var keys = scheme.CreateKeyRing([Ed25519SchemeCatalog.Get(name).GenerateSecret()]);
        var target = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/in"));

        var result = scheme.Verify(headers, body, keys, target);
        var described = scheme.DescribeDelivery(headers, body);
        var identity = scheme.IdentifyDelivery(headers, body, WebhookVerificationResult.Success(0, default), target);
        var answer = scheme.AnswerHandshake(headers, body, keys, WebhookVerificationResult.Success(0, default));

        result.IsValid.Should().BeFalse();
        described.EventName.Should().NotContain("\ud800");
        identity.IsEmpty.Should().BeFalse();
        (answer is null || answer.Body.Length > 0).Should().BeTrue();
    }
}
