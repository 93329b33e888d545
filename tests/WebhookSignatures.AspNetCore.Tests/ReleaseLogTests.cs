using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A released delivery's log line says what really happened to its handler: the exception it threw, the status it
/// answered, and whether the request was aborted too; never "answered 200" for a handler that threw.
/// </summary>
public sealed class ReleaseLogTests
{
    private const string Ping = """{"webhookId":"release"}""";

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task A_handler_that_throws_is_logged_with_its_exception_type()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time, kestrel: true);
        app.Handler = _ => throw new InvalidOperationException("the database is down");

        using var failed = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        Released(app).Should().Contain("the handler threw System.InvalidOperationException").And.NotContain("answered 200");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(404)]
    public async Task A_handler_that_answers_an_error_is_logged_with_its_status(int status)
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        app.Handler = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };

        using var failed = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        ((int)failed.StatusCode).Should().Be(status);
        Released(app).Should().Contain($"the handler answered {status}");
    }

    [Fact]
    public async Task An_aborted_request_whose_handler_failed_is_logged_with_both()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);
        app.Handler = context =>
        {
            // The sender hangs up while the handler fails. (A handler's 2xx completes the delivery even so.)
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Abort();
            return Task.CompletedTask;
        };

        try
        {
            using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // The connection is gone, which is the point.
        }

        (await Poll.UntilAsync(() => app.Logs.Entries.Any(e => e.EventId.Name == "WebhookDeliveryReleased"), TimeSpan.FromSeconds(30))).Should().BeTrue();
        Released(app).Should().Contain("the handler answered 503").And.Contain("the request was aborted");
    }

    private static string Released(ScriptedReceiver app) =>
        app.Logs.Entries.Should().ContainSingle(e => e.EventId.Name == "WebhookDeliveryReleased").Subject.Message;
}
