using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// What a hostile or broken sender can put on the wire, sent to the real middleware on Kestrel bound to
/// 127.0.0.1, with the status each gets and proof that no handler ran unverified. The README's
/// "Hostile input" table lists these results.
/// </summary>
public sealed class HostileInputTests
{
    // Distinct from every other timer the application creates, so the fake clock can tell when the body read waits on it.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(7);

    private static readonly byte[] Ping = """{"webhookId":"hostile-input"}"""u8.ToArray();

    [Fact]
    public async Task Missing_and_duplicated_signature_headers_get_401_and_no_handler_runs()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
        var valid = Signature(Ping);
        var other = Signature(Ping, Secrets.Unknown);

        var signedOnce = await SendAsync(app, Head(Ping.Length, valid), Ping);
        var missing = await SendAsync(app, Head(Ping.Length), Ping);
        var twiceValid = await SendAsync(app, Head(Ping.Length, valid, valid), Ping);
        var validThenForged = await SendAsync(app, Head(Ping.Length, valid, other), Ping);
        var forgedThenValid = await SendAsync(app, Head(Ping.Length, other, valid), Ping);

        signedOnce.Should().Be(200, "the same delivery signed once passes, so the refusals below are about the headers");
        new[] { missing, twiceValid, validThenForged, forgedThenValid }.Should().AllBeEquivalentTo(401);
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task A_one_megabyte_header_is_refused_by_kestrel_with_431_before_any_handler()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);

        using var connection = await RawConnection.OpenAsync(app);
        try
        {
            await connection.SendAsync(Head(Ping.Length, Signature(Ping), "X-Padding: " + new string('a', 1024 * 1024)), Ping);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.Shutdown or SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            // Kestrel answered and closed before the megabyte was all written: the answer is already on its way back.
        }

        var status = await connection.ReadStatusAsync();
        status.Should().Be(431);
        app.HandlerRuns.Should().Be(0);
        app.Logs.Entries.Should().NotContain(e => e.Category == typeof(WebhookDeliveryPipeline).FullName, "the request never reached the middleware");
    }

    [Fact]
    public async Task Non_utf8_body_bytes_verify_as_bytes_and_reach_the_handler_unchanged()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
        byte[] bytes = [0xFF, 0xFE, 0xC3, 0x28, 0x00, 0x80, 0xED, 0xA0, 0x80];

        using var signed = await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, bytes, "/hooks/snyk"));
        using var forged = await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Unknown, bytes, "/hooks/snyk"));
        using var infisical = await app.Client.SendAsync(Deliveries.Post("/hooks/infisical", bytes, ("X-Infisical-Signature", "t=1767268800000;" + new string('0', 64))));

        ((int)signed.StatusCode).Should().Be(200);
        (await signed.Content.ReadAsStringAsync()).Should().Contain("reread=True").And.EndWith("length=9");
        ((int)forged.StatusCode).Should().Be(401);
        ((int)infisical.StatusCode).Should().Be(401, "a body that is not JSON carries no signed timestamp");
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task An_empty_body_passes_only_with_a_signature_over_zero_bytes()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);

        var signedEmpty = await SendAsync(app, Head(0, Signature([])));
        var signedOtherBody = await SendAsync(app, Head(0, Signature(Ping)));
        var unsigned = await SendAsync(app, Head(0));
        var infisical = await SendAsync(app, RawConnection.Head("POST", "/hooks/infisical", "Content-Length: 0", "X-Infisical-Signature: t=1767268800000;" + new string('0', 64)));

        signedEmpty.Should().Be(200);
        signedOtherBody.Should().Be(401);
        unsigned.Should().Be(401);
        infisical.Should().Be(401);
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task A_content_length_shorter_than_the_body_verifies_only_the_framed_bytes()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
        var framed = Ping.Length - 5;

        var signedOverAll = await SendAsync(app, Head(framed, Signature(Ping)), Ping);
        var signedOverFramed = await SendAsync(app, Head(framed, Signature(Ping[..framed])), Ping);

        signedOverAll.Should().Be(401, "the server hands over Content-Length bytes; the rest is not part of this request");
        signedOverFramed.Should().Be(200);
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task A_content_length_longer_than_the_body_times_out_with_408_when_the_sender_stops()
    {
        var time = new TimerWatchingTimeProvider(TestApp.Now, ReadTimeout);
        var app = await TestApp.StartAsync(Shape.Middleware, WithReadTimeout, kestrel: true, time: time);
        var handler = app.Services.GetRequiredService<HandlerRuns>();
        int? status;
        using (var connection = await RawConnection.OpenAsync(app))
        {
            await connection.SendAsync(Head(Ping.Length + 100, Signature(Ping)), Ping);
            await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
            time.Advance(ReadTimeout);
            status = await connection.ReadStatusAsync();
        }

        // Stopping waits for the request to finish, including the server draining what is left of the body.
        await app.DisposeAsync();
        status.Should().Be(408);
        handler.Count.Should().Be(0);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookBodyReadTimedOut");
        app.Logs.Entries.Should().NotContain(e => e.Level >= LogLevel.Error, "the timed-out read leaves the server's body reader in a clean state");
    }

    [Fact]
    public async Task A_sender_slower_than_kestrels_minimum_data_rate_gets_408_from_the_server_limit()
    {
        // The shortest grace Kestrel accepts is just over its one-second heartbeat; the middleware's own timeout stays at its default.
        var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true, configureKestrel: o =>
            o.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(bytesPerSecond: 1000, gracePeriod: TimeSpan.FromSeconds(1.5)));
        var handler = app.Services.GetRequiredService<HandlerRuns>();
        int? status;
        using (var connection = await RawConnection.OpenAsync(app))
        {
            await connection.SendAsync(Head(Ping.Length + 100, Signature(Ping)), Ping);
            status = await connection.ReadStatusAsync();
        }

        await app.DisposeAsync();
        status.Should().Be(408);
        handler.Count.Should().Be(0);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookBodyIncomplete" && e.Values.Contains("Cause=BadHttpRequestException", StringComparison.Ordinal));
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "ApplicationError");
    }

    [Fact]
    public async Task A_slow_body_gets_408_once_the_whole_read_exceeds_the_timeout_even_while_bytes_keep_arriving()
    {
        var time = new TimerWatchingTimeProvider(TestApp.Now, ReadTimeout);
        await using var app = await TestApp.StartAsync(Shape.Middleware, WithReadTimeout, kestrel: true, time: time);
        using var connection = await RawConnection.OpenAsync(app);
        var half = ReadTimeout / 2 + TimeSpan.FromMilliseconds(1);

        await connection.SendAsync(Head(Ping.Length, Signature(Ping)), Ping[..5]);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(half);
        await connection.SendAsync(Ping[5..10]);
        time.Advance(half);

        (await connection.ReadStatusAsync()).Should().Be(408);
        app.HandlerRuns.Should().Be(0);
    }

    [Fact]
    public async Task A_body_that_arrives_within_the_read_timeout_is_accepted()
    {
        var time = new TimerWatchingTimeProvider(TestApp.Now, ReadTimeout);
        await using var app = await TestApp.StartAsync(Shape.Middleware, WithReadTimeout, kestrel: true, time: time);
        using var connection = await RawConnection.OpenAsync(app);

        await connection.SendAsync(Head(Ping.Length, Signature(Ping)), Ping[..5]);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        time.Advance(ReadTimeout - TimeSpan.FromMilliseconds(1));
        await connection.SendAsync(Ping[5..]);

        (await connection.ReadStatusAsync()).Should().Be(200);
        app.HandlerRuns.Should().Be(1);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_and_no_handler_runs()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
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

        (await SendAsync(app, [.. parts])).Should().Be(413);
        app.HandlerRuns.Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sender_that_goes_away_mid_body_gets_no_answer_runs_no_handler_and_the_buffer_goes_back_to_the_pool(bool reset)
    {
        var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
        var pool = CountPool(app);
        var handler = app.Services.GetRequiredService<HandlerRuns>();
        int? status;
        using (var connection = await RawConnection.OpenAsync(app))
        {
            await connection.SendAsync(Head(Ping.Length + 100, Signature(Ping)), Ping);
            await pool.FirstRent.WaitAsync(TimeSpan.FromSeconds(20));
            if (reset)
            {
                connection.Reset();
                status = null;
            }
            else
            {
                // Kestrel takes the end of the sender's stream mid-body as the connection closing and answers nothing.
                connection.ShutdownSend();
                status = await connection.ReadStatusAsync();
            }
        }

        await pool.WaitForReturnsAsync(pool.Rented, TimeSpan.FromSeconds(20));

        // Stopping waits for the request to finish, so its log entries are all in.
        await app.DisposeAsync();
        status.Should().BeNull();
        pool.Returned.Should().Be(pool.Rented);
        handler.Count.Should().Be(0);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookBodyIncomplete");
        app.Logs.Entries.Should().NotContain(e => e.EventId.Name == "ApplicationError", "nothing escaped the middleware");
        app.Logs.Entries.Should().NotContain(e => e.Category == typeof(WebhookDeliveryPipeline).FullName && e.Level >= LogLevel.Warning, "a vanished sender is not the receiver's fault");
    }

    [Fact]
    public async Task A_gzip_body_verifies_over_the_compressed_bytes_as_sent_and_is_not_decompressed()
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);
        var compressed = Gzip(Ping);

        using var overWire = await app.Client.SendAsync(Gzipped(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, compressed, "/hooks/snyk")));
        using var overPlain = await app.Client.SendAsync(Gzipped(Deliveries.Post("/hooks/snyk", compressed, (SnykSignature.SignatureHeaderName, HubHeader(Ping, Secrets.Snyk)))));

        ((int)overWire.StatusCode).Should().Be(200);
        (await overWire.Content.ReadAsStringAsync()).Should().EndWith("length=" + compressed.Length.ToString(CultureInfo.InvariantCulture), "the handler gets the compressed bytes");
        ((int)overPlain.StatusCode).Should().Be(401);
        app.HandlerRuns.Should().Be(1);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task The_content_type_does_not_matter_the_signature_decides(string? contentType)
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);

        using var signed = await app.Client.SendAsync(WithContentType(Deliveries.Snyk(Encoding.UTF8.GetString(Ping)), contentType));
        using var forged = await app.Client.SendAsync(WithContentType(Deliveries.Snyk(Encoding.UTF8.GetString(Ping), Secrets.Unknown), contentType));

        ((int)signed.StatusCode).Should().Be(200);
        ((int)forged.StatusCode).Should().Be(401);
        app.HandlerRuns.Should().Be(1);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task GET_and_HEAD_get_405_on_a_POST_endpoint_and_401_without_a_signature_on_an_any_method_endpoint(string method)
    {
        await using var app = await TestApp.StartAsync(Shape.Middleware, kestrel: true);

        var postOnly = await SendAsync(app, RawConnection.Head(method, "/hooks/snyk", Signature([])));
        var unsigned = await SendAsync(app, RawConnection.Head(method, "/any-method/snyk"));
        var signed = await SendAsync(app, RawConnection.Head(method, "/any-method/snyk", Signature([])));

        postOnly.Should().Be(405);
        unsigned.Should().Be(401);
        signed.Should().Be(200, "the hub signature covers the body only, not the method");
        app.HandlerRuns.Should().Be(1);
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

    private static CountingArrayPool CountPool(TestApp app)
    {
        var pool = new CountingArrayPool();
        app.Services.GetRequiredService<WebhookDeliveryPipeline>().BodyPool = pool;
        return pool;
    }

    private static async Task<int?> SendAsync(TestApp app, params byte[][] parts)
    {
        using var connection = await RawConnection.OpenAsync(app);
        await connection.SendAsync(parts);
        return await connection.ReadStatusAsync();
    }

    private static byte[] Head(long contentLength, params string[] headers) =>
        RawConnection.Head("POST", "/hooks/snyk", ["Content-Type: application/json", "Content-Length: " + contentLength.ToString(CultureInfo.InvariantCulture), .. headers]);

    private static string Signature(byte[] body, string secret = Secrets.Snyk) => $"{SnykSignature.SignatureHeaderName}: {HubHeader(body, secret)}";

    private static string HubHeader(byte[] body, string secret)
    {
        using var keys = KeyRing.FromSecrets(secret);
        return HubSignature.CreateSignatureHeader(body, keys.GetKey(0));
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static HttpRequestMessage Gzipped(HttpRequestMessage request)
    {
        request.Content!.Headers.ContentEncoding.Add("gzip");
        return request;
    }

    private static HttpRequestMessage WithContentType(HttpRequestMessage request, string? contentType)
    {
        request.Content!.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        return request;
    }
}
