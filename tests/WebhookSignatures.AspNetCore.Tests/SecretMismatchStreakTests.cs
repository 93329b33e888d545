using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A registration that refuses every delivery as a signature mismatch has, most likely, the wrong secret: after ten in a
/// row with none accepted, one warning says so and how to check it with <c>webhooksig verify</c>, at most once per ten
/// minutes of the application's clock, and an accepted delivery starts the count again.
/// </summary>
public sealed class SecretMismatchStreakTests
{
    private const string Ping = """{"zen":"streak"}""";
    private const string EventName = "WebhookSecretLikelyWrong";

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public async Task Ten_mismatches_in_a_row_name_the_secret_and_the_command_that_checks_it()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, time: _time);

        await SendWrongAsync(app, 9);
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == EventName, "nine refusals are not yet a pattern");
        await SendWrongAsync(app, 1);

        var line = app.Logs.Entries.Should().ContainSingle(e => e.EventId.Name == EventName).Subject;
        line.Level.Should().Be(LogLevel.Warning);
        line.Message.Should().Contain("registration github (scheme github)")
            .And.Contain("refused 10 deliveries in a row as SignatureMismatch and accepted none")
            .And.Contain("its secret is the likely cause")
            .And.Contain("webhooksig verify --scheme github");
        line.All.Should().NotContain(Secrets.GitHub).And.NotContain(Secrets.Unknown);
    }

    [Fact]
    public async Task The_line_is_written_at_most_once_per_ten_minutes_per_registration()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, time: _time);

        await SendWrongAsync(app, 40);
        _time.Advance(TimeSpan.FromMinutes(9));
        await SendWrongAsync(app, 5);
        Count(app).Should().Be(1, "forty-five forgeries in nine minutes are one line, not forty-five");

        _time.Advance(TimeSpan.FromMinutes(1));
        await SendWrongAsync(app, 1);
        Count(app).Should().Be(2, "ten minutes later the streak, still unbroken, is reported again");
    }

    [Fact]
    public async Task An_accepted_delivery_starts_the_count_again()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, time: _time);

        await SendWrongAsync(app, 9);
        using var accepted = await app.Client.SendAsync(Deliveries.GitHub(Ping));
        await SendWrongAsync(app, 9);

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        Count(app).Should().Be(0, "a secret that verified a delivery is not the cause of scattered refusals");
    }

    [Fact]
    public async Task Refusals_other_than_a_mismatch_do_not_count()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, time: _time);

        for (var i = 0; i < 12; i++)
        {
            using var unsigned = await app.Client.SendAsync(Deliveries.Post("/hooks/github", "{}"u8.ToArray()));
            unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        Count(app).Should().Be(0, "a missing signature says nothing about the secret");
    }

    private static int Count(TestApp app) => app.Logs.Entries.Count(e => e.EventId.Name == EventName);

    private static async Task SendWrongAsync(TestApp app, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await app.Client.SendAsync(Deliveries.GitHub(Ping, Secrets.Unknown));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }
}
