using System.Net;
using System.Text;
using System.Text.Json;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// <c>listen --save</c> under unsigned traffic: only requests to the receiving path are recorded (refused ones marked),
/// the directory stays within its file and byte limits, recording stops once and says so, and nothing is deleted.
/// </summary>
public sealed class SaveLimitTests : IDisposable
{
    private const string Secret = "save-limit-secret-3e9b0d";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"webhooksig-save-{Guid.NewGuid():N}");

    [Fact]
    public async Task Unsigned_posts_fill_the_file_limit_then_recording_stops_once_and_says_so()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--path", "/hooks", "--save", _folder, "--save-max-files", "3");
        await PostAsync(new Uri(listener.Url, "/hooks"), signed: true);
        for (var i = 0; i < 6; i++)
        {
            (await PostAsync(new Uri(listener.Url, "/hooks"), signed: false)).Should().Be(HttpStatusCode.Unauthorized);
        }

        var log = await listener.StopAsync();

        var files = Directory.GetFiles(_folder).Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCount(3);
        Recorded(files[0]).GetProperty("refused").GetBoolean().Should().BeFalse();
        Recorded(files[1]).GetProperty("refused").GetBoolean().Should().BeTrue();
        Recorded(files[1]).GetProperty("reason").GetString().Should().Be("MissingSignature");
        Path.GetFileName(files[1]).Should().EndWith("-github-refused.json");
        log.Error.Split('\n').Count(l => l.Contains("--save stopped", StringComparison.Ordinal)).Should().Be(1, "it says so once");
        log.Error.Should().Contain("--save-max-files 3");
        log.Out.Split('\n').Count(l => l.Contains("rejected 401", StringComparison.Ordinal)).Should().Be(6, "every delivery still gets its line");
    }

    [Fact]
    public async Task The_byte_limit_counts_the_files_already_there_and_none_is_ever_deleted()
    {
        await using (var first = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--save", _folder))
        {
            (await PostAsync(first.Url, signed: false, bodySize: 6 * 1024)).Should().Be(HttpStatusCode.Unauthorized);
        }

        var kept = Directory.GetFiles(_folder).Should().ContainSingle().Subject;
        var before = File.ReadAllBytes(kept);
        var limit = before.Length * 2 + 100;

        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--save", _folder, "--save-max-bytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < 4; i++)
        {
            (await PostAsync(listener.Url, signed: false, bodySize: 6 * 1024)).Should().Be(HttpStatusCode.Unauthorized);
        }

        var log = await listener.StopAsync();

        var files = Directory.GetFiles(_folder);
        files.Should().HaveCount(2, "the file from before and one more fit the limit");
        files.Sum(f => new FileInfo(f).Length).Should().BeLessThanOrEqualTo(limit);
        File.ReadAllBytes(kept).Should().Equal(before, "no recording is ever deleted or changed");
        log.Error.Split('\n').Count(l => l.Contains("--save stopped", StringComparison.Ordinal)).Should().Be(1);
    }

    [Fact]
    public async Task Requests_to_other_paths_preflights_and_other_methods_are_not_recorded()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "github", "--secret", Secret, "--path", "/hooks", "--save", _folder);
        using var client = new HttpClient();
        (await PostAsync(new Uri(listener.Url, "/elsewhere"), signed: false)).Should().Be(HttpStatusCode.NotFound);
        (await PostAsync(new Uri(listener.Url, "/hooks/deeper"), signed: false)).Should().Be(HttpStatusCode.NotFound);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(listener.Url, "/hooks"));
        preflight.Headers.Add("Origin", "https://sender.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using (await client.SendAsync(preflight))
        {
        }

        using (await client.GetAsync(new Uri(listener.Url, "/hooks")))
        {
        }

        (await PostAsync(new Uri(listener.Url, "/hooks"), signed: false)).Should().Be(HttpStatusCode.Unauthorized);
        var log = await listener.StopAsync();

        var file = Directory.GetFiles(_folder).Should().ContainSingle("only the post to the receiving path").Subject;
        Recorded(file).GetProperty("url").GetString().Should().EndWith("/hooks");
        log.Out.Should().Contain("not-found 404");
    }

    [Theory]
    [InlineData("--save-max-bytes", "lots")]
    [InlineData("--save-max-bytes", "0")]
    [InlineData("--save-max-bytes", "-5MiB")]
    [InlineData("--save-max-bytes", "99999999999999999999GiB")]
    [InlineData("--save-max-bytes", "1.5GiB")]
    [InlineData("--save-max-files", "0")]
    [InlineData("--save-max-files", "-1")]
    public async Task A_limit_that_is_not_a_size_or_count_is_a_usage_error(string option, string value)
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, "--save", _folder, option, value]);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain(option);
    }

    [Theory]
    [InlineData("--save-max-bytes", "1GiB")]
    [InlineData("--save-max-files", "10")]
    public async Task A_limit_without_save_is_a_usage_error(string option, string value)
    {
        var outcome = await CliHarness.RunAsync(["listen", "--urls", "http://127.0.0.1:0", "--scheme", "github", "--secret", Secret, option, value]);

        outcome.ExitCode.Should().Be(2, outcome.All);
        outcome.Error.Should().Contain("go with --save");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static JsonElement Recorded(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        return document.RootElement.Clone();
    }

    private static async Task<HttpStatusCode> PostAsync(Uri url, bool signed, int bodySize = 64)
    {
        var body = Encoding.UTF8.GetBytes("{\"zen\":\"" + new string('z', bodySize) + "\"}");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (signed)
        {
            request.Headers.TryAddWithoutValidation(GitHubSignature.SignatureHeaderName, HubSignature.CreateSignatureHeader(body, Encoding.UTF8.GetBytes(Secret)));
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
