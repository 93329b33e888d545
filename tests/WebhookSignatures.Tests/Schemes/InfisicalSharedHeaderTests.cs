using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>
/// Infisical project webhooks and Infisical alerts share the <c>x-infisical-signature</c> header. With one secret
/// configured for both, an attacker holding a genuine delivery of one kind tries to turn it into one the other
/// verifier accepts: the same MAC in the other header format, the body with the <c>&lt;t&gt;.</c> prefix added or
/// stripped, the header's <c>t</c> moved to another value the body holds. Every attempt must be refused.
/// </summary>
public sealed class InfisicalSharedHeaderTests
{
    private const string Secret = "one-secret-for-both-infisical-webhooks";
    private const long Now = 1_712_345_678_901;
    private const string Bom = "\uFEFF";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(Now));

    public static TheoryData<string> AlertBodies =>
    [
        // A CloudEvent as Infisical sends it.
        """{"specversion":"1.0","type":"com.infisical.pki.certificate.expiration","source":"/projects/p-1/pki-alerts","id":"a1b2","data":{}}""",

        // A CloudEvent whose last attribute is a "timestamp" extension (a valid CloudEvents integer attribute)
        // holding the signed t: "<t>." + this body ends exactly as a project body does.
        """{"specversion":"1.0","type":"com.infisical.pki.certificate.expiration","id":"a1b2","data":{},"timestamp":1712345678901}""",

        // The same, but with an earlier "timestamp", still inside the window, so the header's t can be moved to it.
        """{"specversion":"1.0","type":"x","id":"a1b3","timestamp":1712345670000}""",

        // An alert body that is a project body outright.
        """{"event":"secrets.modified","project":{"projectId":"p1"},"timestamp":1712345678901}""",
        """{"timestamp":1712345678901}""",

        // Leading and trailing JSON whitespace, and a byte order mark, around such a body.
        " \r\n\t{\"event\":\"secrets.modified\",\"timestamp\":1712345678901} \n",
        Bom + """{"event":"secrets.modified","timestamp":1712345678901}""",

        // Not JSON at all, and nothing.
        "1712345678901.{\"timestamp\":1712345678901}",
        "",
    ];

    public static TheoryData<string> ProjectBodies =>
    [
        """{"event":"secrets.modified","project":{"projectId":"p1","environment":"prod","secretPath":"/"}}""",
        "{}",
        " \r\n\t{\"event\":\"secrets.modified\"} \n",
        """{"event":"1712345678901.","project":{"projectId":"1712345678901.5"}}""",
    ];

    [Theory]
    [MemberData(nameof(AlertBodies))]
    public void An_alert_delivery_never_verifies_as_a_project_delivery_under_the_same_secret(string text)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var body = Encoding.UTF8.GetBytes(text);
        var alert = Alerts().Sign(body, keys);
        var header = alert.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!;
        Alerts().VerifySignatureHeader(header, body, keys).IsValid.Should().BeTrue("the genuine alert delivery is the attacker's starting point");

        var accepted = AlertToProjectAttempts(header, body).Where(a => Project().VerifySignatureHeader(a.Header, a.Body, keys).IsValid).Select(a => a.Name).ToList();

        accepted.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(ProjectBodies))]
    public void A_project_delivery_never_verifies_as_an_alert_delivery_under_the_same_secret(string text)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var project = Project().Sign(Encoding.UTF8.GetBytes(text), keys);
        var header = project.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!;
        var body = project.Body.ToArray();
        Project().VerifySignatureHeader(header, body, keys).IsValid.Should().BeTrue("the genuine project delivery is the attacker's starting point");

        var accepted = ProjectToAlertAttempts(header, body).Where(a => Alerts().VerifySignatureHeader(a.Header, a.Body, keys).IsValid).Select(a => a.Name).ToList();

        accepted.Should().BeEmpty();
    }

    [Fact]
    public void The_alert_signed_content_offered_as_a_project_body_is_refused_although_its_mac_matches()
    {
        // The alert MAC covers "<t>." + body. Offered as a project body, those bytes pass the project MAC check;
        // when the alert body ends with "timestamp": <t>, only the rule that a project body is a JSON object stops it.
        using var keys = KeyRing.FromSecrets(Secret);
        var body = """{"specversion":"1.0","type":"x","id":"a1b2","timestamp":1712345678901}"""u8.ToArray();
        var alert = Alerts().Sign(body, keys);
        var mac = alert.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!.Split(",v1=")[1];
        var signedContent = Encoding.ASCII.GetBytes($"{Now}.").Concat(body).ToArray();

        var result = Project().VerifySignatureHeader($"t={Now};{mac}", signedContent, keys);

        InfisicalSignature.CreateSignatureHeader(Now, signedContent, keys.GetKey(0)).Should().Be($"t={Now};{mac}", "the MAC itself matches");
        result.IsValid.Should().BeFalse();
        result.FailureReason.Should().Be(WebhookFailureReason.TimestampNotSigned);
    }

    [Theory]
    [InlineData("{\"timestamp\":1712345678901}", true)]
    [InlineData(" \t\r\n{\"timestamp\":1712345678901}", true)]
    [InlineData("\uFEFF{\"timestamp\":1712345678901}", false)]
    [InlineData("1.{\"timestamp\":1712345678901}", false)]
    [InlineData("x{\"timestamp\":1712345678901}", false)]
    [InlineData("\f{\"timestamp\":1712345678901}", false)]
    [InlineData("\u00A0{\"timestamp\":1712345678901}", false)]
    public void A_project_body_must_open_as_a_JSON_object(string text, bool valid)
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var body = Encoding.UTF8.GetBytes(text);

        var result = Project().VerifySignatureHeader(InfisicalSignature.CreateSignatureHeader(Now, body, keys.GetKey(0)), body, keys);

        result.IsValid.Should().Be(valid, result.ToString());
    }

    private InfisicalSignature Project() => new(new WebhookSchemeOptions { TimeProvider = _clock });

    private InfisicalAlertsSignature Alerts() => new(new WebhookSchemeOptions { TimeProvider = _clock });

    /// <summary>Every way to present an alert's MAC and body to the project verifier.</summary>
    private static IEnumerable<(string Name, string Header, byte[] Body)> AlertToProjectAttempts(string alertHeader, byte[] body)
    {
        var t = alertHeader[2..alertHeader.IndexOf(',', StringComparison.Ordinal)];
        var mac = alertHeader[(alertHeader.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        var signedContent = Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray();
        var bodies = new (string, byte[])[]
        {
            ("body as sent", body),
            ("<t>. + body (the alert's signed content)", signedContent),
            ("<t>.+ body, trimmed", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signedContent).Trim())),
            ("body with the <t>. prefix dropped", body.Length > t.Length + 1 ? body[(t.Length + 1)..] : []),
        };
        var timestamps = new[] { t, Now.ToString(CultureInfo.InvariantCulture), "1712345670000", "0" }.Distinct();
        foreach (var (bodyName, candidate) in bodies)
        {
            yield return ($"alert header as sent, {bodyName}", alertHeader, candidate);
            foreach (var ts in timestamps)
            {
                yield return ($"t={ts};<mac>, {bodyName}", $"t={ts};{mac}", candidate);
                yield return ($"t={ts};<MAC>, {bodyName}", $"t={ts};{mac.ToUpperInvariant()}", candidate);
            }
        }
    }

    /// <summary>Every way to present a project delivery's MAC and body to the alert verifier.</summary>
    private static IEnumerable<(string Name, string Header, byte[] Body)> ProjectToAlertAttempts(string projectHeader, byte[] body)
    {
        var t = projectHeader[2..projectHeader.IndexOf(';', StringComparison.Ordinal)];
        var mac = projectHeader[(projectHeader.IndexOf(';', StringComparison.Ordinal) + 1)..];
        var bodies = new List<(string, byte[])>
        {
            ("body as sent", body),
            ("<t>. + body", Encoding.ASCII.GetBytes(t + ".").Concat(body).ToArray()),
        };

        // The alert MAC covers "<x>." + body: strip every prefix of the project body that ends in '.', and every
        // short prefix at all, hoping the rest plus some "<x>." is what the project MAC covered.
        for (var cut = 1; cut <= body.Length; cut++)
        {
            if (body[cut - 1] == (byte)'.' || cut <= 24)
            {
                bodies.Add(($"body without its first {cut} bytes", body[cut..]));
            }
        }

        var timestamps = new[] { t, Now.ToString(CultureInfo.InvariantCulture), "0" }.Distinct().ToList();
        foreach (var (bodyName, candidate) in bodies)
        {
            yield return ($"project header as sent, {bodyName}", projectHeader, candidate);
            foreach (var ts in timestamps)
            {
                yield return ($"t={ts},v1=<mac>, {bodyName}", $"t={ts},v1={mac}", candidate);
                yield return ($"t={ts},v1=<junk>,v1=<mac>, {bodyName}", $"t={ts},v1={new string('0', 64)},v1={mac}", candidate);
            }
        }
    }
}
