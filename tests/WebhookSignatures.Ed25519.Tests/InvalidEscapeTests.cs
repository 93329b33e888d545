using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;

namespace WebhookSignatures.Ed25519.Tests;

/// <summary>
/// JSON whose escapes are not valid UTF-16 (a lone surrogate in a member name or a value) makes System.Text.Json throw
/// <see cref="InvalidOperationException"/> when a name or value is compared or read. A sender controls the body, so no
/// scheme of the catalog may let it escape from verifying or from reading the description, the identity or a handshake's
/// answer of a delivery that verified.
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
        foreach (var scheme in Catalogs.WithEd25519.All)
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
    public void A_body_with_a_lone_surrogate_escape_never_throws_forged_or_signed(string name, string text)
    {
        // The clock stands at 1 ms after the epoch: Linear's body carries its signed time, 1 ms, and every other sender signs now.
        var row = Catalogs.WithEd25519.Get(name);
        var scheme = row.Create(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1)) });
        var body = Encoding.UTF8.GetBytes(text);
        var headers = new WebhookHeaders();
        foreach (var header in scheme.HeaderNames)
        {
            headers.Add(header, "\\ud800");
        }

        using var keys = scheme.CreateKeyRing([row.GenerateSecret()]);
        var target = WebhookRequestTarget.Post(new Uri("https://hooks.example.com/in"));

        var forged = scheme.Verify(new(headers, body, target), keys, WebhookReadParts.All);

        forged.IsValid.Should().BeFalse();
        forged.Identity.IsEmpty.Should().BeTrue();
        forged.Handshake.Should().BeNull();

        // Signed, the body reaches every reader of the parts: the description, the identity and the handshake's answer.
        if (!row.CanSign || (name == LinearSignature.SchemeName && !text.Contains("webhookTimestamp", StringComparison.Ordinal)))
        {
            return;
        }

        // Infisical adds "timestamp" to the object and must compare every top-level name: one it cannot read is refused.
        if (name == InfisicalSignature.SchemeName && text.Contains("{\"\\udc00", StringComparison.Ordinal))
        {
            FluentActions.Invoking(() => scheme.Sign(body, keys)).Should().Throw<ArgumentException>();
            return;
        }

        var signed = scheme.Sign(body, keys, new() { Target = target });
        var read = scheme.Verify(new(signed.Headers, signed.Body.Span, target), keys, WebhookReadParts.All);

        read.IsValid.Should().BeTrue(read.ToString());
        read.Description.EventName.Should().NotContain("\ud800");
        read.Identity.IsEmpty.Should().BeFalse();
        (read.Handshake is null || read.Handshake.Body.Length > 0).Should().BeTrue();
    }
}
