using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// The application learns why the pipeline answered a delivery itself, without reading logs: the outcome is on the
/// request for middleware that runs after it, and <c>OnOutcome</c> is called with it (and may write its own answer).
/// </summary>
public sealed class OutcomeSeamTests
{
    private const string Ping = """{"webhookId":"1"}""";

    [Fact]
    public async Task Every_outcome_reaches_on_outcome_and_the_feature_with_its_reason()
    {
        var seen = new List<string>();
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now), configure: o =>
        {
            o.MaxBodySize = 1024;
            o.OnOutcome = (outcome, _) =>
            {
                lock (seen)
                {
                    var feature = outcome.HttpContext.GetWebhookOutcome();
                    seen.Add($"{outcome.HttpContext.Response.StatusCode} {outcome.Outcome} {outcome.FailureReason} {outcome.RegistrationName} {ReferenceEquals(feature, outcome)}");
                }

                return ValueTask.CompletedTask;
            };
        });

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        await app.Client.SendAsync(Deliveries.Snyk(new string('x', 2000)));

        seen.Should().Equal(
            "200 Duplicate None snyk True",
            "401 Unverified SignatureMismatch snyk True",
            "413 BodyTooLarge None snyk True");
    }

    [Fact]
    public async Task On_outcome_can_write_its_own_answer()
    {
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now), configure: o => o.OnOutcome = async (outcome, token) =>
        {
            outcome.HttpContext.Response.StatusCode = 403;
            await outcome.HttpContext.Response.WriteAsync($"no: {outcome.FailureReason}", token);
        });

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("no: SignatureMismatch");
        app.Runs.Should().Be(0);
    }

    [Fact]
    public async Task A_request_whose_handler_ran_has_no_outcome()
    {
        WebhookOutcomeContext? outcome = null;
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now));
        app.Handler = context =>
        {
            outcome = context.GetWebhookOutcome();
            return Task.CompletedTask;
        };

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
        outcome.Should().BeNull();
    }
}
