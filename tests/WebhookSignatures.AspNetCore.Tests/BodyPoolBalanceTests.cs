using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>Every array the verifier rents for a body goes back to the pool, whatever happens to the delivery.</summary>
public sealed class BodyPoolBalanceTests
{
    private const string Ping = """{"webhookId":"pool-balance"}""";

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(11);

    [Theory]
    [InlineData(Shape.Middleware)]
    [InlineData(Shape.Convention)]
    [InlineData(Shape.Mvc)]
    public async Task Rents_and_returns_balance_over_accepted_rejected_replayed_and_oversized_deliveries(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape);
        var pool = CountPool(app);
        var statuses = new List<int>();
        var requests = new[]
        {
            Deliveries.Snyk(Ping),
            Deliveries.Snyk(Ping),
            Deliveries.Snyk(Ping, Secrets.Unknown),
            Deliveries.Post("/hooks/snyk", Encoding.UTF8.GetBytes(Ping)),
            Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize * 3], "/hooks/snyk", chunked: true),
            Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[40_000], "/hooks/snyk", chunked: true),
            Deliveries.Infisical(Secrets.Infisical, TestApp.Now),
            Deliveries.GitHub(Ping),
        };

        foreach (var request in requests)
        {
            using var response = await app.Client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        statuses.Should().Equal(200, 200, 401, 401, 413, 200, 200, 200);
        await pool.WaitForReturnsAsync(pool.Rented, TimeSpan.FromSeconds(20));
        pool.Rented.Should().BeGreaterThanOrEqualTo(requests.Length, "every delivery that was read rented at least one array");
        pool.Returned.Should().Be(pool.Rented);
    }

    [Fact]
    public async Task A_body_read_that_times_out_returns_its_array()
    {
        var time = new TimerWatchingTimeProvider(TestApp.Now, ReadTimeout);
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w.AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secrets.Snyk);
            o.BodyReadTimeout = ReadTimeout;
        }), time: time);
        var pool = CountPool(app);
        var content = new StalledContent(Encoding.UTF8.GetBytes(Ping)[..10]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/snyk") { Content = content };

        var sending = app.Client.SendAsync(request);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(ReadTimeout);
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(20));
        content.Release();

        ((int)response.StatusCode).Should().Be(408);
        await pool.WaitForReturnsAsync(pool.Rented, TimeSpan.FromSeconds(20));
        pool.Rented.Should().BeGreaterThan(0);
        pool.Returned.Should().Be(pool.Rented);
        app.HandlerRuns.Should().Be(0);
    }

    private static CountingArrayPool CountPool(TestApp app)
    {
        var pool = new CountingArrayPool();
        app.Services.GetRequiredService<WebhookDeliveryPipeline>().BodyPool = pool;
        return pool;
    }
}
