using System.Net;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Ed25519;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A handled delivery is remembered for as long as its sender may send it again: GitHub's redeliveries of the past three
/// days, Stripe's three days of retries, from the scheme's catalog row; an explicit TimeToLive still wins.
/// </summary>
public sealed class SenderTimeToLiveTests
{
    private const string Ping = """{"zen":"redelivered"}""";
    private const string Event = """{"id":"evt_1QxYz2AbCdEf","object":"event","type":"invoice.paid"}""";

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public void The_catalog_rows_carry_the_senders_documented_windows()
    {
        var catalog = WebhookSchemeCatalog.BuiltIn.WithEd25519();

        catalog.Get("github").DefaultTimeToLive.Should().Be(TimeSpan.FromDays(3));
        catalog.Get("stripe").DefaultTimeToLive.Should().Be(TimeSpan.FromDays(3));
        catalog.Get("standard-webhooks").DefaultTimeToLive.Should().Be(TimeSpan.FromDays(5));
        catalog.Get("paddle").DefaultTimeToLive.Should().Be(TimeSpan.FromDays(3));
        catalog.Get("square").DefaultTimeToLive.Should().Be(TimeSpan.FromDays(3));
        catalog.All.Where(static s => s.DefaultTimeToLive is { } window && window < WebhookExactlyOnceOptions.DefaultTimeToLive)
            .Should().BeEmpty("no sender is remembered for less than the receiver's default day");
    }

    [Fact]
    public async Task A_GitHub_redelivery_on_day_two_is_acknowledged_without_running_the_handler()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, time: _time);

        using var first = await app.Client.SendAsync(Deliveries.GitHub(Ping));
        _time.Advance(TimeSpan.FromDays(2));
        using var redelivered = await app.Client.SendAsync(Deliveries.GitHub(Ping));
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using var afterTheWindow = await app.Client.SendAsync(Deliveries.GitHub(Ping));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        redelivered.StatusCode.Should().Be(HttpStatusCode.OK);
        app.HandlerRuns.Should().Be(2, "the day-two redelivery is a duplicate; after three days GitHub redelivers no more and the entry is gone");
    }

    [Fact]
    public async Task A_Stripe_retry_resigned_on_day_two_is_acknowledged_without_running_the_handler()
    {
        await using var app = await ScriptedReceiver.StartAsync(_time);

        using var first = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, _time.GetUtcNow(), ScriptedReceiver.StripeSecret));
        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(23));
        using var retry = await app.Client.SendAsync(SenderDeliveries.Stripe(Event, _time.GetUtcNow(), ScriptedReceiver.StripeSecret));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Should().Be(1, "Stripe retries for up to three days under the same signed id");
    }

    [Fact]
    public async Task An_explicit_time_to_live_wins_over_the_senders_window()
    {
        await using var app = await TestApp.StartAsync(
            Shape.Convention,
            w => w.AddGitHub("github", o =>
            {
                o.Secrets.Add(Secrets.GitHub);
                o.ExactlyOnce.TimeToLive = TimeSpan.FromHours(1);
            }),
            time: _time);

        await app.Client.SendAsync(Deliveries.GitHub(Ping));
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await app.Client.SendAsync(Deliveries.GitHub(Ping));

        app.HandlerRuns.Should().Be(2);
    }
}
