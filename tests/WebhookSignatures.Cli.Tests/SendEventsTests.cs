using WebhookSignatures.Cli.Samples;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>send</c> sends only the events each sender sends, can send a stale or a duplicate delivery, and names flags in its errors.</summary>
public sealed class SendEventsTests
{
    private const string Secret = "send-events-secret-2f7b1d";

    [Theory]
    [InlineData("github", "nonsense")]
    [InlineData("infisical", "secret-rotation-failed")]
    [InlineData("snyk", "ping")]
    public async Task An_event_the_sender_never_sends_is_exit_2_with_the_list(string scheme, string eventName)
    {
        var outcome = await CliHarness.RunAsync(["send", "--scheme", scheme, "--url", "http://127.0.0.1:9/", "--secret", Secret, "--allow-http", "--event", eventName]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain($"--event '{eventName}' is not an event").And.Contain(SampleEvents.For(scheme)[0].Name);
    }

    [Fact]
    public async Task Help_lists_each_schemes_events()
    {
        var help = await CliHarness.RunAsync(["send", "--help"]);

        help.Out.Should().Contain("snyk: project_snapshot/v0, ping/v0").And.Contain("secrets.rotation-failed");
    }

    [Fact]
    public async Task Every_known_event_of_every_scheme_is_accepted_by_a_receiver_of_that_scheme()
    {
        foreach (var scheme in ToolCatalog.Schemes.AcceptedNames())
        {
            var secret = ToolCatalog.Schemes.Get(scheme).GenerateSecret();
            await using var listener = await RunningListener.StartAsync("--scheme", scheme, "--secret", secret);
            foreach (var sample in SampleEvents.For(scheme))
            {
                var sent = await CliHarness.RunAsync(["send", "--scheme", scheme, "--url", listener.Url.ToString(), "--secret", secret, "--allow-http", "--event", sample.Name]);
                sent.ExitCode.Should().Be(0, $"{scheme} {sample.Name}: {sent.All}");
            }
        }
    }

    [Fact]
    public async Task Snyk_ping_is_sent_with_the_ping_v0_event_header_and_a_ping_body()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "snyk", "--secret", Secret, "--verbose");
        var sent = await CliHarness.RunAsync(["send", "--scheme", "snyk", "--url", listener.Url.ToString(), "--secret", Secret, "--allow-http", "--event", "ping/v0"]);
        var log = await listener.StopAsync();

        sent.ExitCode.Should().Be(0, sent.All);
        log.Out.Should().Contain("X-Snyk-Event: ping/v0").And.Contain("webhookId").And.NotContain("project_snapshot");
    }

    [Fact]
    public async Task The_same_id_twice_is_a_duplicate_and_an_old_timestamp_is_stale()
    {
        await using var listener = await RunningListener.StartAsync("--scheme", "standard-webhooks", "--secret", SecretFor("standard-webhooks"));
        string[] send = ["send", "--scheme", "standard-webhooks", "--url", listener.Url.ToString(), "--secret", SecretFor("standard-webhooks"), "--allow-http"];

        var first = await CliHarness.RunAsync([.. send, "--id", "msg_same"]);
        var again = await CliHarness.RunAsync([.. send, "--id", "msg_same"]);
        var stale = await CliHarness.RunAsync([.. send, "--timestamp", "1712345678901"]);
        var log = await listener.StopAsync();

        first.Out.Should().Contain("-> 204");
        again.Out.Should().Contain("-> 200");
        stale.ExitCode.Should().Be(1);
        log.Out.Should().Contain("duplicate 200 Duplicate").And.Contain("rejected 401 TimestampTooOld");
    }

    [Theory]
    [InlineData("stripe", "evt_")]
    [InlineData("paddle", "evt_")]
    [InlineData("slack", "Ev")]
    public void An_id_that_already_has_its_senders_prefix_is_used_as_given(string scheme, string prefix)
    {
        foreach (var sample in SampleEvents.For(scheme).Where(static s => !s.IsHandshake))
        {
            var given = System.Text.Encoding.UTF8.GetString(sample.Create(prefix + "A", DateTimeOffset.UnixEpoch).Body);
            var bare = System.Text.Encoding.UTF8.GetString(sample.Create("A", DateTimeOffset.UnixEpoch).Body);

            given.Should().Contain($"\"{prefix}A\"").And.NotContain(prefix + prefix, $"{scheme} {sample.Name}: --id {prefix}A keeps its prefix once");
            bare.Should().Contain($"\"{prefix}A\"", $"{scheme} {sample.Name}: a bare id gets the prefix");
        }
    }

    [Fact]
    public async Task Stripe_send_with_an_evt_id_delivers_that_id_and_a_bare_id_is_the_same_event()
    {
        var secret = SecretFor("stripe");
        await using var listener = await RunningListener.StartAsync("--scheme", "stripe", "--secret", secret, "--verbose");
        string[] send = ["send", "--scheme", "stripe", "--url", listener.Url.ToString(), "--secret", secret, "--allow-http"];

        var prefixed = await CliHarness.RunAsync([.. send, "--id", "evt_A"]);
        var bare = await CliHarness.RunAsync([.. send, "--id", "A"]);
        var log = await listener.StopAsync();

        prefixed.Out.Should().Contain("-> 204");
        bare.Out.Should().Contain("-> 200", "evt_A and A name the same Stripe event");
        log.Out.Should().Contain("\"id\": \"evt_A\"").And.NotContain("evt_evt_");
    }

    [Theory]
    [InlineData("slack", "url_verification")]
    [InlineData("zoom", "endpoint.url_validation")]
    [InlineData("twitch", "webhook_callback_verification")]
    [InlineData("discord", "PING")]
    public async Task A_handshake_prints_the_receivers_answer_and_exits_0_only_when_it_is_the_expected_one(string scheme, string handshake)
    {
        var secret = SecretFor(scheme);
        await using var listener = await RunningListener.StartAsync("--scheme", scheme, "--secret", secret);
        await using var application = await CountingApplication.StartAsync();

        var answered = await CliHarness.RunAsync(["send", "--scheme", scheme, "--url", listener.Url.ToString(), "--secret", secret, "--allow-http", "--event", handshake]);
        var ignored = await CliHarness.RunAsync(["send", "--scheme", scheme, "--url", application.Url.ToString(), "--secret", secret, "--allow-http", "--event", handshake]);

        answered.ExitCode.Should().Be(0, answered.All);
        answered.Out.Should().Contain("answer: ").And.Contain("the handshake answer is the one the sender expects.");
        ignored.ExitCode.Should().Be(1, ignored.All);
        ignored.Out.Should().Contain("-> 202").And.Contain("the sender expects a 2xx answer with: ");
        (answered.All + ignored.All).Should().NotContain(secret);
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("hubspot")]
    [InlineData("square")]
    public async Task A_request_signing_scheme_signs_the_url_it_sends_to(string scheme)
    {
        var secret = SecretFor(scheme);
        await using var listener = await RunningListener.StartAsync("--scheme", scheme, "--secret", secret, "--path", "/hooks/in");
        var url = new Uri(listener.Url, "/hooks/in?tenant=acme").ToString();

        var sent = await CliHarness.RunAsync(["send", "--scheme", scheme, "--url", url, "--secret", secret, "--allow-http"]);
        var log = await listener.StopAsync();

        sent.ExitCode.Should().Be(0, sent.All);
        log.Out.Should().Contain($"{scheme}").And.Contain("accepted 204");
    }

    [Fact]
    public async Task Plain_http_without_allow_http_names_the_flag()
    {
        var outcome = await CliHarness.RunAsync(["send", "--scheme", "github", "--url", "http://127.0.0.1:9/", "--secret", Secret]);

        outcome.ExitCode.Should().Be(2);
        outcome.Error.Should().Contain("--allow-http").And.NotContain("AllowHttpToLoopback");
    }

    private static readonly Dictionary<string, string> Secrets = [];

    private static string SecretFor(string scheme)
    {
        lock (Secrets)
        {
            return Secrets.TryGetValue(scheme, out var secret) ? secret : Secrets[scheme] = ToolCatalog.Schemes.Get(scheme).GenerateSecret();
        }
    }
}
