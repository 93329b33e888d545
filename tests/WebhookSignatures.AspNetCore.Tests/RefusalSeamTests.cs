using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// The application learns why the verifier answered a request itself, without reading logs: the refusal is on the
/// request for middleware that runs after it, and <c>OnRefused</c> is called with it (and may write its own answer).
/// </summary>
public sealed class RefusalSeamTests
{
    private const string Ping = """{"webhookId":"1"}""";

    [Fact]
    public async Task Every_refusal_reaches_on_refused_and_the_feature_with_its_reason()
    {
        var seen = new List<string>();
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now), configure: o =>
        {
            o.MaxBodySize = 1024;
            o.OnRefused = (refused, _) =>
            {
                lock (seen)
                {
                    var feature = refused.HttpContext.GetWebhookRefusal();
                    seen.Add($"{refused.HttpContext.Response.StatusCode} {refused.Refusal.Reason} {refused.Refusal.FailureReason} {ReferenceEquals(feature, refused.Refusal)}");
                }

                return ValueTask.CompletedTask;
            };
        });

        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping));
        await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        await app.Client.SendAsync(Deliveries.Snyk(new string('x', 2000)));

        seen.Should().Equal(
            "200 Duplicate None True",
            "401 Unverified SignatureMismatch True",
            "413 BodyTooLarge None True");
    }

    [Fact]
    public async Task On_refused_can_write_its_own_answer()
    {
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now), configure: o => o.OnRefused = async (refused, token) =>
        {
            refused.HttpContext.Response.StatusCode = 403;
            await refused.HttpContext.Response.WriteAsync($"no: {refused.Refusal.FailureReason}", token);
        });

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Be("no: SignatureMismatch");
        app.Runs.Should().Be(0);
    }

    [Fact]
    public async Task A_request_whose_handler_ran_has_no_refusal()
    {
        IWebhookRefusalFeature? refusal = null;
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now));
        app.Handler = context =>
        {
            refusal = context.GetWebhookRefusal();
            return Task.CompletedTask;
        };

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1);
        refusal.Should().BeNull();
    }
}
