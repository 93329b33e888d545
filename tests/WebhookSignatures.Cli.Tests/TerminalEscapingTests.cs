using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// A sender that controls an unsigned header or the body tries to drive the operator's terminal: retitle the window
/// (OSC 0), clear the screen, start a C1 CSI sequence, overwrite the line with CR, and reverse the text with bidi
/// overrides. Every command prints those characters as visible escapes instead.
/// </summary>
public sealed class TerminalEscapingTests
{
    private const string Secret = "terminal-escaping-secret-5e1f";

    // A Stripe registration, the tool's listener included, takes a secret in Stripe's form only.
    private const string StripeSecret = "whsec_terminal-escaping-secret-5e1f";

    // ESC ] 0 ; … BEL retitles the window; ESC [ 2 J clears the screen; U+009B is CSI; U+202E reverses what follows.
    private const string Hostile = "\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u202c\u2066x\u2069";
    private const string HostileEscaped = @"\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u202c\u2066x\u2069";

    [Fact]
    public async Task Listen_prints_a_verified_github_deliverys_hostile_event_header_escaped()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret);
        var body = Encoding.UTF8.GetBytes($$"""{"delivery":"{{Guid.NewGuid()}}"}""");
        var signature = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        // Raw bytes on the socket: HttpClient would refuse to send such a header, an attacker's client does not.
        var status = await PostRawAsync(listener.Url, body, (GitHubSignature.SignatureHeaderName, signature), ("X-GitHub-Event", Hostile));
        var log = await listener.StopAsync();

        status.Should().Be(204, "the signature covers the body, not the event header");
        var line = log.Out.Split('\n').Should().ContainSingle(l => l.Contains("accepted 204", StringComparison.Ordinal)).Subject;
        line.Should().Contain(HostileEscaped);
        TerminalSafety.RawControlCharacters(log.All).Should().BeEmpty();
    }

    [Fact]
    public async Task Listen_prints_a_stripe_event_type_with_CR_and_NUL_from_the_body_escaped()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "stripe", "--secret", StripeSecret);
        var body = Encoding.UTF8.GetBytes($$"""{"id":"evt_{{Guid.NewGuid():N}}","type":"invoice.paid\r\u0000\u001b]0;pwned\u0007\u202erejected"}""");
        var header = StripeSignature.CreateSignatureHeader(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body, Encoding.UTF8.GetBytes(StripeSecret));

        var status = await PostRawAsync(listener.Url, body, (StripeSignature.SignatureHeaderName, header));
        var log = await listener.StopAsync();

        status.Should().Be(204);
        log.Out.Should().Contain(@"invoice.paid\r\x00\x1b]0;pwned\x07\u202erejected");
        TerminalSafety.RawControlCharacters(log.All).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Verify_prints_a_hostile_event_header_escaped_whatever_the_verdict(bool signed)
    {
        var body = "{}"u8.ToArray();
        var signature = signed ? HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)) : "sha256=" + new string('0', 64);

        var outcome = await CliHarness.RunAsync(
            ["verify", "--scheme", "github", $"--secret={Secret}", "--body-file", "-", "--header", $"X-Hub-Signature-256: {signature}", "--header", $"X-GitHub-Event: ping\r{Hostile}"],
            body);

        outcome.ExitCode.Should().Be(signed ? 0 : 1, outcome.All);
        if (signed)
        {
            outcome.Out.Should().Contain($@"  event: ping\r{HostileEscaped}");
        }
        else
        {
            // Only a delivery that verifies is described; the unsigned header is never printed as its event.
            outcome.Out.Should().NotContain("event:");
        }

        TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty();
    }

    [Fact]
    public async Task Verify_json_escapes_the_bidirectional_characters_the_encoder_lets_through()
    {
        var body = "{}"u8.ToArray();
        var signature = HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret));

        var outcome = await CliHarness.RunAsync(
            ["verify", "--scheme", "github", $"--secret={Secret}", "--body-file", "-", "--header", $"X-Hub-Signature-256: {signature}", "--header", $"X-GitHub-Event: {Hostile}", "--json"],
            body);

        outcome.ExitCode.Should().Be(0, outcome.All);
        outcome.Out.Trim().Should().Be("""{"valid":true,"scheme":"github","reason":null,"matchedSecretIndex":0,"timestampUnixMs":null,"event":"\u001B]0;pwned\u0007\u001B[2J\u009B31m\u202Eevil\u202C\u2066x\u2069"}""");
        TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty();
    }

    [Fact]
    public async Task A_usage_error_quoting_a_pasted_header_line_escapes_it()
    {
        var outcome = await CliHarness.RunAsync(["verify", "--scheme", "github", "--secret", Secret, "--body-file", "-", "--header", Hostile], "{}"u8.ToArray());

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain($"got \"{HostileEscaped}\"");
        TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty();
    }

    [Fact]
    public async Task A_parse_error_quoting_a_token_escapes_it()
    {
        var outcome = await CliHarness.RunAsync(["verify", Hostile]);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain(HostileEscaped);
        TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty();
    }

    [Fact]
    public async Task Send_prints_a_receivers_hostile_reason_phrase_escaped()
    {
        using var receiver = new TcpListener(IPAddress.Loopback, 0);
        receiver.Start();
        var port = ((IPEndPoint)receiver.LocalEndpoint).Port;

        // The client reads a reason phrase as Latin-1, so a hostile receiver writes single bytes: ESC, BEL, CSI (0x9B), NEL (0x85).
        var answer = AnswerOnceAsync(receiver, "HTTP/1.1 500 \u001b]0;pwned\u0007\u001b[2J\u009b31m\u0085\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", $"http://127.0.0.1:{port}/hooks", "--secret", Secret, "--allow-http"]);
        await answer;

        outcome.ExitCode.Should().Be(1, outcome.All);
        outcome.Out.Should().Contain(@"-> 500 \x1b]0;pwned\x07\x1b[2J\x9b31m\x85 in ");
        TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty();
    }

    [Fact]
    public async Task Sign_json_escapes_bidirectional_characters_of_a_captured_body()
    {
        using var file = new TempFile(Encoding.UTF8.GetBytes("{\"type\":\"\u202eevil\u2066\"}"));

        var outcome = await CliHarness.RunAsync(["sign", "--scheme", "github", "--secret", Secret, "--body-file", file.Path, "--json"]);

        outcome.ExitCode.Should().Be(0, outcome.All);
        outcome.Out.Should().Contain("""\u202Eevil\u2066""");
        TerminalSafety.RawControlCharacters(outcome.All).Should().BeEmpty();
    }

    /// <summary>Posts exactly these bytes, as an attacker's client can, and returns the status code.</summary>
    private static async Task<int> PostRawAsync(Uri url, byte[] body, params (string Name, string Value)[] headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(url.Host, url.Port);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync() ?? string.Empty;
        return int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Reads one request (headers and body) and answers it with these characters as single bytes.</summary>
    private static async Task AnswerOnceAsync(TcpListener listener, string response)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var head = Encoding.Latin1.GetString([.. received.Take(headerEnd)]);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault();
        while (received.Count < headerEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        await stream.WriteAsync(Encoding.Latin1.GetBytes(response));
    }

    private static int IndexOf(List<byte> data, byte[] pattern) => data.ToArray().AsSpan().IndexOf(pattern);
}
