using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.Twilio;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Attacks on the schemes that sign the request line, performed over HTTP on a real Kestrel bound to 127.0.0.1: a
/// captured delivery re-sent under another spelling of its URL (a Host header with the default port, a trusted proxy's
/// <c>X-Forwarded-Host</c>) is the same delivery and never runs the handler twice, and a URL that routes to another
/// endpoint never verifies there.
/// </summary>
public sealed class RequestSigningReplayTests
{
    private const string TwilioToken = "twilio-auth-token-000000000001";
    private const string HubSpotSecret = "hubspot-client-secret-000000001";
    private const string SquareKey = "square-signature-key-0000000001";

    [Theory]
    [InlineData("hooks.example.com:80")]
    [InlineData("HOOKS.example.com:80")]
    [InlineData("hooks.example.com:0080")]
    public async Task A_twilio_delivery_replayed_with_the_default_port_in_the_host_header_is_a_duplicate(string replayHost)
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: false);
        var body = "AccountSid=AC123&Body=hello&From=%2B15550001&MessageSid=SM1"u8.ToArray();
        var signature = TwilioSignature.CreateSignatureHeader(new Uri("http://hooks.example.com/twilio"), body, Encoding.UTF8.GetBytes(TwilioToken));

        using var first = await app.Client.SendAsync(Twilio(app, "hooks.example.com", body, signature));
        using var replay = await app.Client.SendAsync(Twilio(app, replayHost, body, signature));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Count.Should().Be(1, "the replay, whatever the spelling of its URL, is the delivery already handled");
        ((int)replay.StatusCode).Should().BeOneOf([200, 401], "a spelling that verifies is a duplicate, one that does not is refused");
    }

    [Fact]
    public async Task A_twilio_delivery_replayed_through_a_trusted_proxy_with_the_default_port_is_a_duplicate()
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: true);
        var body = "AccountSid=AC123&Body=hi&MessageSid=SM2"u8.ToArray();
        var signature = TwilioSignature.CreateSignatureHeader(new Uri("https://hooks.example.com/twilio"), body, Encoding.UTF8.GetBytes(TwilioToken));

        using var first = await app.Client.SendAsync(Twilio(app, null, body, signature, forwardedHost: "hooks.example.com"));
        using var replay = await app.Client.SendAsync(Twilio(app, null, body, signature, forwardedHost: "hooks.example.com:443"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.OK, "Twilio's validators accept the default port, so the replay verifies");
        app.Runs.Count.Should().Be(1, "but it is the delivery already handled");
    }

    [Fact]
    public async Task A_twilio_delivery_signed_with_the_default_port_and_replayed_without_it_is_a_duplicate()
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: false);
        var body = "AccountSid=AC123&Body=port&MessageSid=SM3"u8.ToArray();
        var signature = TwilioSignature.CreateSignatureHeader(new Uri("http://hooks.example.com:80/twilio"), body, Encoding.UTF8.GetBytes(TwilioToken));

        using var first = await app.Client.SendAsync(Twilio(app, "hooks.example.com:80", body, signature));
        using var replay = await app.Client.SendAsync(Twilio(app, "hooks.example.com", body, signature));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_hubspot_delivery_signed_for_one_path_does_not_verify_where_an_encoded_slash_routes_it_elsewhere()
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: false);
        var body = """[{"eventId":1,"subscriptionType":"contact.creation"}]"""u8.ToArray();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signedUrl = new Uri($"http://hooks.example.com/hs/a/b");
        var signature = HubSpotSignature.CreateSignatureHeader("POST", signedUrl, body, now, Encoding.UTF8.GetBytes(HubSpotSecret));

        using var moved = await app.Client.SendAsync(HubSpot(app, "/hs/a%2Fb", body, signature, now));
        using var movedLower = await app.Client.SendAsync(HubSpot(app, "/hs/a%2fb", body, signature, now));
        using var intended = await app.Client.SendAsync(HubSpot(app, "/hs/a/b", body, signature, now));

        moved.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "/hs/a%2Fb routes to /hs/{id}, not to the endpoint the sender signed");
        movedLower.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        app.SingleSegmentRuns.Count.Should().Be(0);
        intended.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_hubspot_delivery_signed_with_a_query_does_not_verify_where_an_encoded_question_mark_moves_it_into_the_path()
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: false);
        var body = """[{"eventId":2}]"""u8.ToArray();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signature = HubSpotSignature.CreateSignatureHeader("POST", new Uri("http://hooks.example.com/hs/a?b"), body, now, Encoding.UTF8.GetBytes(HubSpotSecret));

        using var moved = await app.Client.SendAsync(HubSpot(app, "/hs/a%3Fb", body, signature, now));

        moved.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "/hs/a%3Fb routes to /hs/{id} with the id 'a?b'");
        app.SingleSegmentRuns.Count.Should().Be(0);
    }

    [Fact]
    public async Task HubSpot_escapes_in_the_query_are_still_decoded_as_hubspot_signs_them()
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: false);
        var body = """[{"eventId":3}]"""u8.ToArray();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var signature = HubSpotSignature.CreateSignatureHeader("POST", new Uri("http://hooks.example.com/hs/a/b?next=/x:y"), body, now, Encoding.UTF8.GetBytes(HubSpotSecret));

        using var response = await app.Client.SendAsync(HubSpot(app, "/hs/a/b?next=%2Fx%3Ay", body, signature, now));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Runs.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_square_delivery_without_an_event_id_replayed_with_the_default_port_never_verifies()
    {
        await using var app = await Receiver.StartAsync(forwardedHeaders: false);
        var body = """{"type":"payment.created","data":{}}"""u8.ToArray();
        var signature = SquareSignature.CreateSignatureHeader(new Uri("http://hooks.example.com/square"), body, Encoding.UTF8.GetBytes(SquareKey));

        using var first = await app.Client.SendAsync(Square(app, "hooks.example.com", body, signature));
        using var replay = await app.Client.SendAsync(Square(app, "hooks.example.com:80", body, signature));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "Square signs the notification URL exactly as configured");
        app.Runs.Count.Should().Be(1);
    }

    private static HttpRequestMessage Twilio(Receiver app, string? host, byte[] body, string signature, string? forwardedHost = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Client.BaseAddress!, "/twilio"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add(TwilioSignature.SignatureHeaderName, signature);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        return request;
    }

    private static HttpRequestMessage HubSpot(Receiver app, string pathAndQuery, byte[] body, string signature, long timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Client.BaseAddress!, pathAndQuery))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Host = "hooks.example.com";
        request.Headers.Add(HubSpotSignature.SignatureHeaderName, signature);
        request.Headers.Add(HubSpotSignature.TimestampHeaderName, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private static HttpRequestMessage Square(Receiver app, string host, byte[] body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.Client.BaseAddress!, "/square"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Host = host;
        request.Headers.Add(SquareSignature.SignatureHeaderName, signature);
        return request;
    }

    /// <summary>A receiver on Kestrel at 127.0.0.1 with Twilio, two HubSpot endpoints sharing a secret, and Square.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app, HttpClient client)
        {
            _app = app;
            Client = client;
        }

        public HttpClient Client { get; }

        public HandlerRuns Runs { get; } = new();

        public HandlerRuns SingleSegmentRuns { get; } = new();

        public static async Task<Receiver> StartAsync(bool forwardedHeaders)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Services.AddWebhookSignatures()
                .AddTwilio("twilio", o => o.Secrets.Add(TwilioToken))
                .AddHubSpot("hubspot-ab", o => o.Secrets.Add(HubSpotSecret))
                .AddHubSpot("hubspot-id", o => o.Secrets.Add(HubSpotSecret))
                .AddSquare("square", o => o.Secrets.Add(SquareKey));
            if (forwardedHeaders)
            {
                // The defaults trust a proxy on loopback, where the test's client is.
                builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto);
            }

            var app = builder.Build();
            Receiver? receiver = null;
            if (forwardedHeaders)
            {
                app.UseForwardedHeaders();
            }

            app.UseWebhookSignatures();
            app.MapPost("/twilio", () => { receiver!.Runs.Increment(); return "ok"; }).RequireWebhookSignature("twilio");
            app.MapPost("/hs/a/b", () => { receiver!.Runs.Increment(); return "ok"; }).RequireWebhookSignature("hubspot-ab");
            app.MapPost("/hs/{id}", (string id) => { receiver!.SingleSegmentRuns.Increment(); return id; }).RequireWebhookSignature("hubspot-id");
            app.MapPost("/square", () => { receiver!.Runs.Increment(); return "ok"; }).RequireWebhookSignature("square");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            receiver = new Receiver(app, new HttpClient { BaseAddress = new Uri(address) });
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.DisposeAsync();
        }
    }
}
