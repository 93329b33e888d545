using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Sending;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>
/// What a client from AddWebhookDelivery retries and how long it waits, on a clock that moves only when a wait begins.
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_712_345_678);
    private static readonly Uri Url = new("https://hooks.example.com/in");
    private static readonly TimeSpan AttemptTimeout = WebhookSenderOptions.DefaultTimeout;
    private static readonly WebhookRetrySchedule Exact = new(WebhookRetrySchedule.Default.Delays, jitter: 0);

    [Fact]
    public async Task Gone_stops_at_once_and_reports_the_endpoint_gone()
    {
        var (result, receiver, clock) = await DeliverAsync(Exact, ScriptedReceiver.Answer(HttpStatusCode.Gone));

        (result.Outcome, result.StatusCode, result.Attempts).Should().Be((WebhookDeliveryOutcome.EndpointGone, HttpStatusCode.Gone, 1));
        receiver.Attempts.Should().ContainSingle();
        clock.Waits.Should().BeEmpty();
    }

    [Fact]
    public async Task A_redirect_is_a_failure_that_is_neither_followed_nor_retried()
    {
        var (result, receiver, _) = await DeliverAsync(Exact, ScriptedReceiver.Answer(HttpStatusCode.Found, location: "https://elsewhere.example.com/in"));

        (result.Outcome, result.StatusCode, result.Attempts).Should().Be((WebhookDeliveryOutcome.Failed, HttpStatusCode.Found, 1));
        receiver.Attempts.Should().ContainSingle();
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData((HttpStatusCode)425, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    [InlineData(HttpStatusCode.PermanentRedirect, false)]
    public async Task Only_answers_that_may_change_are_retried(HttpStatusCode status, bool retried)
    {
        var (result, receiver, clock) = await DeliverAsync(Exact, ScriptedReceiver.Answer(status), ScriptedReceiver.Answer(HttpStatusCode.OK));

        if (retried)
        {
            (result.Outcome, result.Attempts).Should().Be((WebhookDeliveryOutcome.Delivered, 2));
            clock.Waits.Should().Equal(TimeSpan.FromSeconds(5));
        }
        else
        {
            (result.Outcome, result.StatusCode, result.Attempts).Should().Be((WebhookDeliveryOutcome.Failed, status, 1));
            receiver.Attempts.Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Throttled_and_unavailable_answers_back_off_honouring_Retry_After_within_its_bound()
    {
        var (result, receiver, clock) = await DeliverAsync(
            Exact,
            ScriptedReceiver.Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(60))),
            ScriptedReceiver.Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(TimeSpan.FromHours(1))),
            ScriptedReceiver.Answer(HttpStatusCode.BadGateway, new RetryConditionHeaderValue(TimeSpan.FromSeconds(1))),
            ScriptedReceiver.Answer(HttpStatusCode.OK));

        // 60 s asked beats the schedule's 5 s; an hour is cut to the 5-minute bound; 1 s asked loses to the schedule's 2 min.
        clock.Waits.Should().Equal(TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2));
        (result.Outcome, result.Attempts).Should().Be((WebhookDeliveryOutcome.Delivered, 4));
        receiver.Attempts.Select(a => a.At - Start).Should().Equal(TimeSpan.Zero, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(360), TimeSpan.FromSeconds(480));
    }

    [Fact]
    public async Task A_Retry_After_date_is_read_against_the_clock()
    {
        var (_, _, clock) = await DeliverAsync(
            Exact,
            ScriptedReceiver.Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Start.AddSeconds(90))),
            ScriptedReceiver.Answer(HttpStatusCode.OK));

        clock.Waits.Should().Equal(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        var timeouts = 0;
        var (result, receiver, clock) = await DeliverAsync(
            Exact,
            [ScriptedReceiver.NoAnswer, ScriptedReceiver.Answer(HttpStatusCode.OK)],
            advance: due => due != AttemptTimeout || timeouts++ == 0);

        clock.Waits.Should().Equal(AttemptTimeout, TimeSpan.FromSeconds(5));
        (result.Outcome, result.Attempts).Should().Be((WebhookDeliveryOutcome.Delivered, 2));
        receiver.Attempts.Should().HaveCount(2);
    }

    [Fact]
    public async Task When_the_schedule_ends_the_last_answer_is_reported()
    {
        var (result, receiver, clock) = await DeliverAsync(Exact, ScriptedReceiver.Answer(HttpStatusCode.ServiceUnavailable));

        (result.Outcome, result.StatusCode, result.Attempts).Should().Be((WebhookDeliveryOutcome.Failed, HttpStatusCode.ServiceUnavailable, 4));
        clock.Waits.Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));
        receiver.Attempts.Select(a => a.Headers.GetValue("webhook-id")).Distinct().Should().ContainSingle();
        receiver.Attempts.Select(a => a.Headers.GetValue("webhook-timestamp")).Should().Equal("1712345678", "1712345683", "1712345713", "1712345833");
    }

    [Fact]
    public async Task An_infisical_delivery_is_resent_identically_inside_the_window_and_refused_past_it()
    {
        // The Standard Webhooks schedule waits 5 minutes before the third attempt, past Infisical's window.
        var clock = new SteppingClock(Start);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = KeyRing.FromSecrets("infisical-secret-0123456789");
        var receiver = new ScriptedReceiver(clock, ScriptedReceiver.Answer(HttpStatusCode.ServiceUnavailable));

        var result = await DeliverAsync(clock, scheme, keys, new WebhookRetrySchedule(WebhookRetrySchedule.StandardWebhooks.Delays, jitter: 0), receiver, Url, null);

        (result.Outcome, result.StatusCode, result.Attempts).Should().Be((WebhookDeliveryOutcome.ResendRefused, HttpStatusCode.ServiceUnavailable, 2));
        result.Exception.Should().BeOfType<WebhookResendRefusedException>().Which.Attempt.Should().Be(3);
        receiver.Attempts.Should().HaveCount(2);
        receiver.Attempts[1].Body.Should().Equal(receiver.Attempts[0].Body);
        receiver.Attempts[1].Headers.GetValue(InfisicalSignature.SignatureHeaderName).Should().Be(receiver.Attempts[0].Headers.GetValue(InfisicalSignature.SignatureHeaderName));
        clock.Waits.Should().Equal(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task An_internal_address_is_refused_once_and_never_retried()
    {
        var clock = new SteppingClock(Start);
        var scheme = new StandardWebhooksSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = scheme.CreateKeyRing([StandardWebhooksSignature.GenerateSecret()]);
        var receiver = new ScriptedReceiver(clock, ScriptedReceiver.Answer(HttpStatusCode.OK));

        var result = await DeliverAsync(clock, scheme, keys, Exact, receiver, new Uri("https://169.254.169.254/latest/meta-data"), null);

        (result.Outcome, result.Attempts).Should().Be((WebhookDeliveryOutcome.AddressRefused, 0));
        result.Exception.Should().BeOfType<WebhookAddressRefusedException>().Which.Rule.Should().Be("link-local");
        receiver.Attempts.Should().BeEmpty();
        clock.Waits.Should().BeEmpty();
    }

    [Fact]
    public async Task The_client_timeout_fits_the_whole_schedule_and_no_total_timeout_cuts_it()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("default").AddWebhookDelivery(o => o.Scheme = StandardWebhooksSignature.Default);
        services.AddHttpClient("long").AddWebhookDelivery(o => o.Scheme = StandardWebhooksSignature.Default, r => r.Schedule = WebhookRetrySchedule.StandardWebhooks);
        services.AddHttpClient("unbounded").AddWebhookDelivery(o => o.Timeout = Timeout.InfiniteTimeSpan);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        // The longest each can take: every wait at its longest (a Retry-After up to 5 minutes counts), every attempt to its timeout.
        factory.CreateClient("default").Timeout.Should().Be(TimeSpan.FromMinutes(3 * 5) + (4 * AttemptTimeout) + TimeSpan.FromMinutes(1));
        factory.CreateClient("long").Timeout.Should().BeGreaterThan((WebhookRetrySchedule.StandardWebhooks.MaxTotalDelay) + (10 * AttemptTimeout));
        factory.CreateClient("unbounded").Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void Schedules_say_what_they_are_and_jitter_stays_within_its_fraction()
    {
        WebhookRetrySchedule.Default.ToString().Should().Be("immediately, 5 s, 30 s, 2 min (±20%)");
        WebhookRetrySchedule.StandardWebhooks.ToString().Should().Be("immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (±20%)");
        WebhookRetrySchedule.StandardWebhooks.MaxAttempts.Should().Be(10);
        WebhookRetrySchedule.Default.GetDelay(0, 0).Should().Be(TimeSpan.FromSeconds(4));
        WebhookRetrySchedule.Default.GetDelay(0, 1).Should().Be(TimeSpan.FromSeconds(6));
        WebhookRetrySchedule.Default.GetDelay(2, 0.5).Should().Be(TimeSpan.FromMinutes(2));
        Exact.GetDelay(1, 0).Should().Be(TimeSpan.FromSeconds(30));

        var negative = () => new WebhookRetrySchedule([TimeSpan.FromSeconds(-1)]);
        var tooMuchJitter = () => new WebhookRetrySchedule([TimeSpan.FromSeconds(1)], jitter: 1.5);
        negative.Should().Throw<ArgumentOutOfRangeException>();
        tooMuchJitter.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static Task<(WebhookDeliveryResult Result, ScriptedReceiver Receiver, SteppingClock Clock)> DeliverAsync(WebhookRetrySchedule schedule, params Func<HttpResponseMessage?>[] answers) =>
        DeliverAsync(schedule, answers, advance: null);

    private static async Task<(WebhookDeliveryResult Result, ScriptedReceiver Receiver, SteppingClock Clock)> DeliverAsync(
        WebhookRetrySchedule schedule, Func<HttpResponseMessage?>[] answers, Func<TimeSpan, bool>? advance)
    {
        var clock = new SteppingClock(Start);
        var scheme = new StandardWebhooksSignature(new WebhookSchemeOptions { TimeProvider = clock });
        using var keys = scheme.CreateKeyRing([StandardWebhooksSignature.GenerateSecret()]);
        var receiver = new ScriptedReceiver(clock, answers);
        var result = await DeliverAsync(clock, scheme, keys, schedule, receiver, Url, advance);
        return (result, receiver, clock);
    }

    private static async Task<WebhookDeliveryResult> DeliverAsync(
        SteppingClock clock, WebhookScheme scheme, KeyRing keys, WebhookRetrySchedule schedule, ScriptedReceiver receiver, Uri url, Func<TimeSpan, bool>? advance)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("hooks")
            .AddWebhookDelivery(o => { o.Scheme = scheme; o.Keys = keys; }, r => r.Schedule = schedule)
            .ConfigurePrimaryHttpMessageHandler(() => receiver);
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("hooks"));
        return await clock.RunAsync(sender.DeliverAsync(url, """{"type":"ping"}"""u8.ToArray()), AttemptTimeout, advance);
    }
}
