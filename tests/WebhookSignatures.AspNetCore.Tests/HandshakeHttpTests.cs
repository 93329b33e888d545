using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// The senders' handshakes over HTTP: answered after verification in place of the handler, never for an unverified
/// request, outside exactly-once handling, and handed to the handler when a registration opts out.
/// </summary>
public sealed class HandshakeHttpTests
{
    private const string SlackSecret = "slack-signing-secret-0123456789ab";
    private const string ZoomSecret = "zoom-secret-token-0123456789abcdef";
    private const string ZoomPreviousSecret = "zoom-previous-secret-token-0123456";
    private const string TwitchSecret = "twitch-eventsub-secret-0123456789";

    private static readonly byte[] SlackChallenge = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"""u8.ToArray();
    private static readonly byte[] ZoomValidation = """{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"""u8.ToArray();
    private static readonly byte[] TwitchChallenge = """{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}"""u8.ToArray();

    public static TheoryData<Shape> Shapes => [Shape.Middleware, Shape.Convention];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_verified_slack_url_verification_gets_its_challenge_and_the_handler_does_not_run(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape, Register);

        using var response = await app.Client.SendAsync(Signed(SlackSignature.Default, SlackSecret, SlackChallenge, "/hooks/slack"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        app.HandlerRuns.Should().Be(0);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookHandshakeAnswered" && e.Values.Contains("Scheme=slack", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_verified_zoom_url_validation_is_answered_with_the_secret_that_verified_it(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape, Register);

        using var response = await app.Client.SendAsync(Signed(ZoomSignature.Default, ZoomPreviousSecret, ZoomValidation, "/hooks/zoom"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        json.RootElement.GetProperty("plainToken").GetString().Should().Be("qgg8vlvZRS6UYooatFL8Aw");
        json.RootElement.GetProperty("encryptedToken").GetString().Should().Be(
            Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ZoomPreviousSecret), "qgg8vlvZRS6UYooatFL8Aw"u8)));
        app.HandlerRuns.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_verified_twitch_callback_verification_gets_its_challenge_as_plain_text(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape, Register);

        using var response = await app.Client.SendAsync(TwitchVerification(TwitchSecret));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        (await response.Content.ReadAsStringAsync()).Should().Be("pogchamp-kappa-360noscope-vohiyo");
        app.HandlerRuns.Should().Be(0);
    }

    [Fact]
    public async Task An_answered_handshake_is_an_outcome_the_application_sees_and_the_sender_still_gets_its_answer()
    {
        var seen = new List<string>();
        await using var app = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddSlack("slack", o =>
        {
            o.Secrets.Add(SlackSecret);
            o.OnOutcome = (outcome, _) =>
            {
                seen.Add($"{outcome.Outcome} {outcome.FailureReason} {outcome.HttpContext.Response.StatusCode} {ReferenceEquals(outcome.HttpContext.GetWebhookOutcome(), outcome)}");
                return ValueTask.CompletedTask;
            };
        }));

        using var response = await app.Client.SendAsync(Signed(SlackSignature.Default, SlackSecret, SlackChallenge, "/hooks/slack"));

        (await response.Content.ReadAsStringAsync()).Should().Be("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        seen.Should().Equal("Handshake None 200 True");
        app.HandlerRuns.Should().Be(0);
    }

    public static TheoryData<string> Senders => ["slack", "zoom", "twitch"];

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task A_forged_handshake_gets_401_and_no_echo_of_its_challenge(string sender)
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, Register);
        using var forged = Handshake(sender, "a-secret-the-sender-never-had-000");

        using var response = await app.Client.SendAsync(forged);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().NotContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P").And.NotContain("qgg8vlvZRS6UYooatFL8Aw").And.NotContain("pogchamp");
        app.HandlerRuns.Should().Be(0);
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "WebhookHandshakeAnswered");
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task An_unsigned_handshake_gets_401_and_no_echo_of_its_challenge(string sender)
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, Register);
        var body = sender switch { "slack" => SlackChallenge, "zoom" => ZoomValidation, _ => TwitchChallenge };
        using var unsigned = Deliveries.Post($"/hooks/{sender}", body, (TwitchSignature.MessageTypeHeaderName, TwitchSignature.CallbackVerificationMessageType));

        using var response = await app.Client.SendAsync(unsigned);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("3eZbrw").And.NotContain("qgg8vl").And.NotContain("pogchamp");
        app.HandlerRuns.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task With_handshakes_turned_off_a_verified_handshake_reaches_the_handler(string sender)
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, webhooks => Register(webhooks, answerHandshakes: false));

        using var response = await app.Client.SendAsync(Handshake(sender, Secret(sender)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().StartWith($"{sender}|{sender}|key=");
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task Handshakes_can_be_turned_off_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secrets:0"] = SlackSecret,
            ["AnswerHandshakes"] = "false",
        }).Build();
        await using var app = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddSlack("slack", configuration));

        using var response = await app.Client.SendAsync(Handshake("slack", SlackSecret));

        (await response.Content.ReadAsStringAsync()).Should().StartWith("slack|slack|");
        app.HandlerRuns.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task A_handshake_asked_again_is_answered_again_outside_exactly_once_handling(string sender)
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, Register);

        using var first = await app.Client.SendAsync(Handshake(sender, Secret(sender)));
        using var again = await app.Client.SendAsync(Handshake(sender, Secret(sender)));

        var answer = await first.Content.ReadAsStringAsync();
        answer.Should().NotBeEmpty();
        ((int)again.StatusCode).Should().Be(200);
        (await again.Content.ReadAsStringAsync()).Should().Be(answer, "the sender expects its answer every time it asks");
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "WebhookDuplicate");
    }

    [Fact]
    public async Task An_ordinary_slack_event_still_reaches_the_handler_and_a_resent_one_is_a_duplicate()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, Register);
        var body = """{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"app_mention"}}"""u8.ToArray();

        using var first = await app.Client.SendAsync(Signed(SlackSignature.Default, SlackSecret, body, "/hooks/slack"));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        using var retry = await app.Client.SendAsync(Signed(SlackSignature.Default, SlackSecret, body, "/hooks/slack", app.Time.GetUtcNow()));

        (await first.Content.ReadAsStringAsync()).Should().StartWith("slack|slack|key=0|");
        (await retry.Content.ReadAsStringAsync()).Should().BeEmpty("Slack's retry carries the same signed event_id");
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task Twitch_registrations_default_to_ten_minutes_and_a_configured_tolerance_wins()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks
            .AddTwitch("twitch", o => o.Secrets.Add(TwitchSecret))
            .AddPaddle("paddle", o => o.Secrets.Add(TwitchSecret)));
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Secrets:0"] = TwitchSecret, ["Tolerance"] = "00:01:00" }).Build();
        await using var other = await TestApp.StartAsync(Shape.Convention, webhooks => webhooks.AddTwitch("twitch", configured));

        // Configured before the registration, as an application may: it wins too, whatever the order.
        await using var earlier = await TestApp.StartAsync(Shape.Convention, webhooks =>
        {
            webhooks.Services.Configure<WebhookRegistrationOptions>("twitch", o => o.Tolerance = TimeSpan.FromMinutes(2));
            webhooks.AddTwitch("twitch", o => o.Secrets.Add(TwitchSecret));
        });

        app.Services.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>().Get("twitch").Tolerance.Should().BeNull("unset is the scheme's own window");
        Window(app, "twitch").Should().Be(TimeSpan.FromMinutes(10));
        Window(app, "paddle").Should().Be(TimeSpan.FromMinutes(5));
        Window(other, "twitch").Should().Be(TimeSpan.FromMinutes(1));
        Window(earlier, "twitch").Should().Be(TimeSpan.FromMinutes(2));

        var eightMinutesOld = TwitchSignature.Default.Sign("{}"u8, KeyRingFor(TwitchSecret), new() { Timestamp = TestApp.Now.AddMinutes(-8) });
        using var response = await app.Client.SendAsync(Deliveries.Post("/hooks/twitch", eightMinutesOld.Body.ToArray(), [.. eightMinutesOld.Headers.Select(h => (h.Key, h.Value))]));
        using var refused = await other.Client.SendAsync(Deliveries.Post("/hooks/twitch", eightMinutesOld.Body.ToArray(), [.. eightMinutesOld.Headers.Select(h => (h.Key, h.Value))]));
        ((int)response.StatusCode).Should().Be(200);
        ((int)refused.StatusCode).Should().Be(401);
    }

    // The window a registration's deliveries are checked against: its scheme's, as built from the current options.
    private static TimeSpan Window(TestApp app, string registration)
    {
        var active = app.Services.GetRequiredService<WebhookRegistrations>().Acquire(registration);
        try
        {
            return active.Scheme.Tolerance;
        }
        finally
        {
            active.Release();
        }
    }

    [Fact]
    public async Task A_real_kestrel_receiver_answers_each_handshake_and_verifies_each_scheme()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, webhooks =>
        {
            Register(webhooks);
            webhooks.AddPaddle("paddle", o => o.Secrets.Add(TwitchSecret));
        }, kestrel: true);
        app.Client.BaseAddress!.Host.Should().Be("127.0.0.1");
        var paddleBody = """{"event_id":"evt_1","event_type":"transaction.completed"}"""u8.ToArray();
        var zoomEvent = """{"event":"meeting.started","payload":{}}"""u8.ToArray();

        using var slack = await app.Client.SendAsync(Handshake("slack", SlackSecret));
        using var zoom = await app.Client.SendAsync(Handshake("zoom", ZoomSecret));
        using var twitch = await app.Client.SendAsync(Handshake("twitch", TwitchSecret));
        using var paddle = await app.Client.SendAsync(Signed(Schemes.Paddle.PaddleSignature.Default, TwitchSecret, paddleBody, "/hooks/paddle"));
        using var meeting = await app.Client.SendAsync(Signed(ZoomSignature.Default, ZoomSecret, zoomEvent, "/hooks/zoom"));
        using var forged = await app.Client.SendAsync(Handshake("twitch", "a-secret-the-sender-never-had-000"));

        (await slack.Content.ReadAsStringAsync()).Should().Be("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        (await zoom.Content.ReadAsStringAsync()).Should().Contain("\"encryptedToken\":\"" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ZoomSecret), "qgg8vlvZRS6UYooatFL8Aw"u8)));
        (await twitch.Content.ReadAsStringAsync()).Should().Be("pogchamp-kappa-360noscope-vohiyo");
        (await paddle.Content.ReadAsStringAsync()).Should().StartWith("paddle|paddle|key=0|");
        (await meeting.Content.ReadAsStringAsync()).Should().StartWith("zoom|zoom|key=0|");
        ((int)forged.StatusCode).Should().Be(401);
        app.HandlerRuns.Should().Be(2);
    }

    private static void Register(WebhookSignaturesBuilder webhooks) => Register(webhooks, answerHandshakes: true);

    private static void Register(WebhookSignaturesBuilder webhooks, bool answerHandshakes) => webhooks
        .AddSlack("slack", o =>
        {
            o.Secrets.Add(SlackSecret);
            o.AnswerHandshakes = answerHandshakes;
        })
        .AddZoom("zoom", o =>
        {
            o.Secrets.Add(ZoomSecret);
            o.Secrets.Add(ZoomPreviousSecret);
            o.AnswerHandshakes = answerHandshakes;
        })
        .AddTwitch("twitch", o =>
        {
            o.Secrets.Add(TwitchSecret);
            o.AnswerHandshakes = answerHandshakes;
        });

    private static string Secret(string sender) => sender switch { "slack" => SlackSecret, "zoom" => ZoomSecret, _ => TwitchSecret };

    private static HttpRequestMessage Handshake(string sender, string secret) => sender switch
    {
        "slack" => Signed(SlackSignature.Default, secret, SlackChallenge, "/hooks/slack"),
        "zoom" => Signed(ZoomSignature.Default, secret, ZoomValidation, "/hooks/zoom"),
        _ => TwitchVerification(secret),
    };

    private static HttpRequestMessage TwitchVerification(string secret)
    {
        var signed = TwitchSignature.Default.Sign(TwitchChallenge, KeyRingFor(secret), new() { Timestamp = TestApp.Now });
        return Deliveries.Post(
            "/hooks/twitch",
            signed.Body.ToArray(),
            [.. signed.Headers.Where(h => h.Key != TwitchSignature.MessageTypeHeaderName).Select(h => (h.Key, h.Value)),
             (TwitchSignature.MessageTypeHeaderName, TwitchSignature.CallbackVerificationMessageType)]);
    }

    private static HttpRequestMessage Signed(WebhookScheme scheme, string secret, byte[] body, string path, DateTimeOffset? at = null)
    {
        using var keys = KeyRingFor(secret);
        var signed = scheme.Sign(body, keys, new() { Timestamp = at ?? TestApp.Now });
        return Deliveries.Post(path, signed.Body.ToArray(), [.. signed.Headers.Select(h => (h.Key, h.Value))]);
    }

    private static KeyRing KeyRingFor(string secret) => KeyRing.FromSecrets(secret);
}
