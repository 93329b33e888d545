using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// An <c>OnOutcome</c> callback that throws (a logging sink that is down, a bug) never turns a refusal into a 500 that
/// anyone can provoke with forged requests: the pipeline's own answer stands, the handler does not run, and the fault
/// is logged once as an error.
/// </summary>
public sealed class OutcomeCallbackFaultTests
{
    private const string Ping = """{"webhookId":"fault"}""";

    [Fact]
    public async Task A_throwing_on_outcome_leaves_every_refusal_and_acknowledgement_its_own_status_on_kestrel()
    {
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now), kestrel: true, configure: o =>
        {
            o.MaxBodySize = 1024;
            o.OnOutcome = (_, _) => throw new InvalidOperationException("the audit sink is down");
        });

        using var forged = await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        using var first = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var duplicate = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var tooLarge = await app.Client.SendAsync(Deliveries.Snyk(new string('x', 2000)));

        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        duplicate.StatusCode.Should().Be(HttpStatusCode.OK);
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        app.Runs.Should().Be(1);
        var faults = app.Logs.Entries.Where(e => e.EventId.Name == "WebhookOutcomeCallbackFailed").ToList();
        faults.Should().HaveCount(3);
        faults.Should().OnlyContain(e => e.Level == LogLevel.Error && e.Exception!.Contains("the audit sink is down"));
        app.Logs.Entries.Should().NotContain(e => e.Level == LogLevel.Error && e.EventId.Name != "WebhookOutcomeCallbackFailed");
    }

    [Fact]
    public async Task A_callback_that_throws_after_starting_its_own_answer_keeps_that_answer()
    {
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now), kestrel: true, configure: o => o.OnOutcome = async (outcome, token) =>
        {
            outcome.HttpContext.Response.StatusCode = 403;
            await outcome.HttpContext.Response.WriteAsync("refused", token);
            await outcome.HttpContext.Response.Body.FlushAsync(token);
            throw new InvalidOperationException("after the answer");
        });

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("refused");
        app.Runs.Should().Be(0);
    }
}
