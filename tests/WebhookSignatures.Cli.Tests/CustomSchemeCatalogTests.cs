using System.Net;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Tests.CustomSchemes;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// A scheme of one's own joins the tool's catalog by name: a program embedding the command line (here, the test) gives
/// the commands <c>ToolCatalog.Schemes.With(acme)</c> in their context, and <c>sign</c>, <c>verify</c> and <c>listen</c>
/// take <c>--scheme acme</c> like a built-in sender. The tool's own catalog does not know it.
/// </summary>
public sealed class CustomSchemeCatalogTests : IDisposable
{
    private const string Secret = "acme-secret-for-the-tool-5d2e7c";
    private const long SignedAtMs = 1_712_345_678_000;
    private static readonly byte[] Body = """{"order":42,"status":"paid"}"""u8.ToArray();

    private static readonly WebhookSchemeCatalog Schemes = ToolCatalog.Schemes.With(new WebhookSchemeDescriptor(
        static options => new AcmeSignature(options),
        "Acme",
        "Acme: X-Acme-Signature: ts=<s>;mac=<base64 HMAC-SHA256 of <ts>.<body>>.") { TimestampUnit = WebhookTimestampUnit.Seconds });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"webhooksig-acme-{Guid.NewGuid():N}");

    [Fact]
    public async Task Sign_with_the_custom_scheme_writes_its_header_which_the_scheme_itself_verifies()
    {
        var outcome = await CliHarness.RunAsync(
            ["sign", "--scheme", "acme", "--secret", Secret, "--body-file", "-", "--timestamp", SignedAtMs.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Body,
            schemes: Schemes);

        outcome.ExitCode.Should().Be(0, outcome.All);
        var line = outcome.Out.Trim();
        line.Should().StartWith($"{AcmeSignature.SignatureHeaderName}: ts={SignedAtMs / 1000};mac=");
        var headers = new WebhookHeaders { { AcmeSignature.SignatureHeaderName, line[(AcmeSignature.SignatureHeaderName.Length + 2)..] } };
        using var keys = KeyRing.FromSecrets(Secret);
        var scheme = new AcmeSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(SignedAtMs)) });
        scheme.Verify(new WebhookDelivery(headers, Body), keys).IsValid.Should().BeTrue();
        outcome.All.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Verify_with_the_custom_scheme_accepts_its_signature_and_refuses_a_tampered_body_and_an_old_one()
    {
        var header = Sign(Body, DateTimeOffset.FromUnixTimeMilliseconds(SignedAtMs));
        var tampered = Body.ToArray();
        tampered[^3] ^= 0x20;

        var valid = await Verify(header, Body, SignedAtMs);
        var changed = await Verify(header, tampered, SignedAtMs);
        var late = await Verify(header, Body, SignedAtMs + (long)TimeSpan.FromMinutes(6).TotalMilliseconds);

        valid.ExitCode.Should().Be(0, valid.All);
        valid.Out.Should().StartWith("valid: the acme signature verifies.");
        changed.ExitCode.Should().Be(1, changed.All);
        changed.Out.Should().StartWith("invalid: SignatureMismatch");
        late.ExitCode.Should().Be(1, late.All);
        late.Out.Should().StartWith("invalid: TimestampTooOld");
    }

    [Fact]
    public async Task Listen_with_the_custom_scheme_handles_a_signed_delivery_once_refuses_a_forged_one_and_saves_what_verify_reads()
    {
        await using var listener = await RunningListener.StartWithAsync(Schemes, "http://127.0.0.1:0", "--scheme", "acme", "--secret", Secret, "--save", _folder);
        var header = Sign(Body, DateTimeOffset.UtcNow);

        var first = await PostAsync(listener.Url, Body, header);
        var again = await PostAsync(listener.Url, Body, header);
        var forged = await PostAsync(listener.Url, Body, Sign(Body, DateTimeOffset.UtcNow, "a-secret-listen-was-never-given-0"));
        var log = await listener.StopAsync();

        first.Should().Be(HttpStatusCode.NoContent, log.All);
        again.Should().Be(HttpStatusCode.OK, "the same signed delivery again is a duplicate, acknowledged without running the handler");
        forged.Should().Be(HttpStatusCode.Unauthorized);
        log.Out.Should().Contain("(acme, 1 secret, exactly-once in memory)")
            .And.Contain("acme").And.Contain("accepted 204")
            .And.Contain("duplicate 200 Duplicate")
            .And.Contain("rejected 401 SignatureMismatch");
        log.All.Should().NotContain(Secret);

        var file = Directory.GetFiles(_folder).Order(StringComparer.Ordinal).First();
        var verified = await CliHarness.RunAsync(["verify", "--delivery", file, "--secret", Secret], schemes: Schemes);
        verified.ExitCode.Should().Be(0, verified.All);
        verified.Out.Should().StartWith("valid: the acme signature verifies.");
    }

    [Fact]
    public async Task The_tools_own_catalog_does_not_know_the_custom_scheme()
    {
        var verify = await CliHarness.RunAsync(["verify", "--scheme", "acme", "--secret", Secret, "--header", "X-Acme-Signature: ts=1;mac=x", "--body-file", "-"], Body);
        var listen = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "acme", "--secret", Secret]);

        verify.ExitCode.Should().Be(2);
        verify.Error.Should().Contain("acme");
        listen.ExitCode.Should().Be(2);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Sign(byte[] body, DateTimeOffset at, string secret = Secret)
    {
        using var keys = KeyRing.FromSecrets(secret);
        var signed = new AcmeSignature().Sign(body, keys, new WebhookSigningParameters { Timestamp = at });
        return signed.Headers.GetValue(AcmeSignature.SignatureHeaderName)!;
    }

    private static Task<CliOutcome> Verify(string header, byte[] body, long nowMs) => CliHarness.RunAsync(
        ["verify", "--scheme", "acme", "--secret", Secret, "--header", $"{AcmeSignature.SignatureHeaderName}: {header}", "--body-file", "-",
            "--now", nowMs.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        body,
        schemes: Schemes);

    private static async Task<HttpStatusCode> PostAsync(Uri url, byte[] body, string header)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation(AcmeSignature.SignatureHeaderName, header);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
