using System.Text.Json;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>listen --save</c>, <c>replay</c> and <c>verify --delivery</c> together on 127.0.0.1.</summary>
public sealed class RecordReplayTests : IDisposable
{
    private const string Secret = "record-replay-secret-8a0c3f";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"webhooksig-save-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_saved_delivery_replays_byte_for_byte_as_a_duplicate_and_verifies_from_its_file()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--save", _folder);
        (await CliHarness.RunAsync(["send", "--scheme", "github", "--url", listener.Url.ToString(), "--secret", Secret, "--allow-http", "--event", "push"])).ExitCode.Should().Be(0);
        var file = Directory.GetFiles(_folder).Should().ContainSingle().Subject;

        var replayed = await CliHarness.RunAsync(["replay", file, "--to", listener.Url.ToString(), "--allow-http"]);
        var verified = await CliHarness.RunAsync(["verify", "--delivery", file, "--secret", Secret]);
        var log = await listener.StopAsync();

        replayed.ExitCode.Should().Be(0, replayed.All);
        replayed.Out.Should().Contain("-> 200 OK").And.Contain("replay of github delivery");
        log.Out.Should().Contain("duplicate 200 Duplicate");
        verified.ExitCode.Should().Be(0, verified.All);
        verified.Out.Should().StartWith("valid:").And.Contain("event: push");
        var files = Directory.GetFiles(_folder).Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCount(2);
        using var first = JsonDocument.Parse(File.ReadAllBytes(files[0]));
        using var second = JsonDocument.Parse(File.ReadAllBytes(files[1]));
        first.RootElement.GetProperty("format").GetString().Should().Be("webhooksig-delivery/1");
        first.RootElement.GetProperty("outcome").GetString().Should().Be("accepted");
        second.RootElement.GetProperty("outcome").GetString().Should().Be("duplicate");
        second.RootElement.GetProperty("bodyBase64").GetString().Should().Be(first.RootElement.GetProperty("bodyBase64").GetString());
        (log.All + replayed.All + verified.All + File.ReadAllText(files[0])).Should().NotContain(Secret);
    }

    [Fact]
    public async Task A_stale_delivery_is_refused_again_as_recorded_and_accepted_once_resigned()
    {
        const string StripeSecret = "whsec_recordReplayStripeSecret0123";
        await using var listener = await RunningListener.StartAsync("--scheme", "stripe", "--secret", StripeSecret, "--save", _folder);
        var stale = await CliHarness.RunAsync(["send", "--scheme", "stripe", "--url", listener.Url.ToString(), "--secret", StripeSecret, "--allow-http", "--timestamp", "1712345678901"]);
        var file = Directory.GetFiles(_folder).Should().ContainSingle().Subject;

        var asRecorded = await CliHarness.RunAsync(["replay", file, "--to", listener.Url.ToString(), "--allow-http"]);
        var resigned = await CliHarness.RunAsync(["replay", file, "--to", listener.Url.ToString(), "--allow-http", "--resign", "--secret", StripeSecret]);
        var verified = await CliHarness.RunAsync(["verify", "--delivery", file, "--secret", StripeSecret]);
        var log = await listener.StopAsync();

        stale.ExitCode.Should().Be(1);
        asRecorded.ExitCode.Should().Be(1);
        asRecorded.Out.Should().Contain("-> 401");
        resigned.ExitCode.Should().Be(0, resigned.All);
        resigned.Out.Should().Contain("-> 204").And.Contain("re-signed as of now");
        log.Out.Should().Contain("rejected 401 TimestampTooOld").And.Contain("accepted 204");
        verified.ExitCode.Should().Be(1);
        verified.Out.Should().Contain("TimestampTooOld").And.Contain("before now");
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("hubspot")]
    [InlineData("square")]
    public async Task A_request_signing_delivery_verifies_from_its_file_with_the_url_it_was_received_at(string scheme)
    {
        var secret = ToolCatalog.Schemes.Get(scheme).GenerateSecret();
        await using var listener = await RunningListener.StartAsync("--scheme", scheme, "--secret", secret, "--save", _folder, "--path", "/hooks/in");
        var url = new Uri(listener.Url, "/hooks/in?tenant=acme");
        (await CliHarness.RunAsync(["send", "--scheme", scheme, "--url", url.ToString(), "--secret", secret, "--allow-http"])).ExitCode.Should().Be(0);
        var file = Directory.GetFiles(_folder).Should().ContainSingle().Subject;
        var https = "https" + url.ToString()["http".Length..];

        var verified = await CliHarness.RunAsync(["verify", "--delivery", file, "--secret", secret]);
        var elsewhere = await CliHarness.RunAsync(["verify", "--delivery", file, "--secret", secret, "--url", https]);
        var resigned = await CliHarness.RunAsync(["replay", file, "--to", url.ToString(), "--allow-http", "--resign", "--secret", secret]);
        var log = await listener.StopAsync();

        verified.ExitCode.Should().Be(0, verified.All);
        verified.Out.Should().StartWith($"valid: the {scheme} signature verifies.");
        elsewhere.ExitCode.Should().Be(1, elsewhere.All);
        elsewhere.Out.Should().Contain($"hint: The signature matches the URL {url} (http instead of https), not {https}");
        resigned.ExitCode.Should().Be(0, resigned.All);
        resigned.Out.Should().Contain($"re-signed").And.Contain($"for {url}");
        log.Out.Should().NotContain("rejected");
        (log.All + verified.All + elsewhere.All + resigned.All).Should().NotContain(secret);
    }

    [Fact]
    public async Task A_request_signing_delivery_replayed_to_another_url_says_the_signature_covers_the_recorded_one()
    {
        var secret = ToolCatalog.Schemes.Get("square").GenerateSecret();
        await using var listener = await RunningListener.StartAsync("--scheme", "square", "--secret", secret, "--save", _folder, "--path", "/a");
        (await CliHarness.RunAsync(["send", "--scheme", "square", "--url", new Uri(listener.Url, "/a").ToString(), "--secret", secret, "--allow-http"])).ExitCode.Should().Be(0);
        var file = Directory.GetFiles(_folder).Should().ContainSingle().Subject;
        await using var other = await RunningListener.StartAsync("--scheme", "square", "--secret", secret, "--path", "/b");
        var to = new Uri(other.Url, "/b").ToString();

        var asRecorded = await CliHarness.RunAsync(["replay", file, "--to", to, "--allow-http"]);
        var resigned = await CliHarness.RunAsync(["replay", file, "--to", to, "--allow-http", "--resign", "--secret", secret]);

        asRecorded.ExitCode.Should().Be(1, asRecorded.All);
        asRecorded.Error.Should().Contain("note: the square signature covers the URL it was received at");
        resigned.ExitCode.Should().Be(0, resigned.All);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"format\":\"webhooksig-delivery/1\",\"headers\":[],\"bodyBase64\":\"***\"}")]
    public async Task A_file_that_is_not_a_recorded_delivery_is_a_usage_error(string content)
    {
        using var file = new TempFile(System.Text.Encoding.UTF8.GetBytes(content));

        var verify = await CliHarness.RunAsync(["verify", "--delivery", file.Path, "--secret", Secret]);
        var replay = await CliHarness.RunAsync(["replay", file.Path, "--to", "http://127.0.0.1:9/", "--allow-http"]);

        verify.ExitCode.Should().Be(2, verify.All);
        replay.ExitCode.Should().Be(2, replay.All);
        verify.Error.Should().Contain("error:");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
