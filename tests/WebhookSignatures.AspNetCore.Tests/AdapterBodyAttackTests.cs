using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Oversized and slow bodies, and senders that vanish mid-body, through each adapter (middleware, endpoint convention,
/// MVC attribute) on real Kestrel: each gets the pipeline's status, never a 500, and no handler runs. Model binding and
/// MVC's own body handling never see the body before the pipeline has bounded it.
/// </summary>
public sealed class AdapterBodyAttackTests
{
    // Distinct from every other timer the application creates, so the fake clock can tell when the body read waits on it.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(7);

    private static readonly byte[] Ping = """{"webhookId":"adapter-body"}"""u8.ToArray();

    public static TheoryData<Shape> Shapes => [Shape.Middleware, Shape.Convention, Shape.Mvc];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_sender_that_stops_mid_body_gets_408_in_every_adapter(Shape shape)
    {
        var time = new TimerWatchingTimeProvider(TestApp.Now, ReadTimeout);
        var app = await TestApp.StartAsync(shape, WithReadTimeout, kestrel: true, time: time);
        int? status;
        using (var connection = await RawConnection.OpenAsync(app))
        {
            await connection.SendAsync(Head(Ping.Length + 100, Signature(Ping)), Ping);
            await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
            time.Advance(ReadTimeout);
            status = await connection.ReadStatusAsync();
        }

        var runs = app.HandlerRuns;
        await app.DisposeAsync();
        status.Should().Be(408);
        runs.Should().Be(0);
        app.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Declared_and_chunked_bodies_over_the_limit_get_413_in_every_adapter(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape, kestrel: true);
        var declared = new byte[TestApp.SnykMaxBodySize + 1];
        var chunk = new byte[8 * 1024];
        var chunks = (int)(TestApp.SnykMaxBodySize / chunk.Length) + 2;
        var parts = new List<byte[]> { RawConnection.Head("POST", "/hooks/snyk", "Transfer-Encoding: chunked", Signature(new byte[chunk.Length * chunks])) };
        for (var i = 0; i < chunks; i++)
        {
            parts.Add(Encoding.ASCII.GetBytes(chunk.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            parts.Add(chunk);
            parts.Add("\r\n"u8.ToArray());
        }

        parts.Add("0\r\n\r\n"u8.ToArray());

        (await SendAsync(app, Head(declared.Length, Signature(declared)), declared)).Should().Be(413);
        (await SendAsync(app, [.. parts])).Should().Be(413);
        app.HandlerRuns.Should().Be(0);
        app.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_sender_that_resets_mid_body_runs_no_handler_and_leaves_no_error_in_every_adapter(Shape shape)
    {
        var app = await TestApp.StartAsync(shape, kestrel: true);
        var pool = new CountingArrayPool();
        app.Services.GetRequiredService<WebhookDeliveryPipeline>().BodyPool = pool;
        using (var connection = await RawConnection.OpenAsync(app))
        {
            await connection.SendAsync(Head(Ping.Length + 100, Signature(Ping)), Ping);
            await pool.FirstRent.WaitAsync(TimeSpan.FromSeconds(20));
            connection.Reset();
        }

        await pool.WaitForReturnsAsync(pool.Rented, TimeSpan.FromSeconds(20));
        var runs = app.HandlerRuns;
        await app.DisposeAsync();
        runs.Should().Be(0);
        pool.Returned.Should().Be(pool.Rented);
        app.Logs.Entries.Should().NotContain(e => e.Category == typeof(WebhookDeliveryPipeline).FullName && e.Level >= LogLevel.Warning);
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "ApplicationError");
    }

    private static void WithReadTimeout(WebhookSignaturesBuilder webhooks)
    {
        webhooks
            .AddInfisical("infisical", o => o.Secrets.Add(Secrets.Infisical))
            .AddSnyk("snyk", o =>
            {
                o.Secrets.Add(Secrets.Snyk);
                o.MaxBodySize = TestApp.SnykMaxBodySize;
                o.BodyReadTimeout = ReadTimeout;
            })
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub));
    }

    private static async Task<int?> SendAsync(TestApp app, params byte[][] parts)
    {
        using var connection = await RawConnection.OpenAsync(app);
        await connection.SendAsync(parts);
        return await connection.ReadStatusAsync();
    }

    private static byte[] Head(long contentLength, params string[] headers) =>
        RawConnection.Head("POST", "/hooks/snyk", ["Content-Type: application/json", "Content-Length: " + contentLength.ToString(CultureInfo.InvariantCulture), .. headers]);

    private static string Signature(byte[] body)
    {
        using var keys = KeyRing.FromSecrets(Secrets.Snyk);
        return $"{SnykSignature.SignatureHeaderName}: {HubSignature.CreateSignatureHeader(body, keys.GetKey(0))}";
    }
}
