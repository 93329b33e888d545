using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.GitLab;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.HubSpot;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.Linear;
using WebhookSignatures.Schemes.Paddle;
using WebhookSignatures.Schemes.Shopify;
using WebhookSignatures.Schemes.Slack;
using WebhookSignatures.Schemes.Square;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Schemes.Twilio;
using WebhookSignatures.Schemes.Twitch;
using WebhookSignatures.Schemes.Zoom;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>The core's vectors for every built-in scheme, posted over HTTP: to TestServer and to a real Kestrel on 127.0.0.1.</summary>
public sealed class VectorHttpTests
{
    public static TheoryData<VectorCase> Vectors() =>
        [
            .. VectorCase.Load("infisical.json"), .. VectorCase.Load("snyk.json"), .. VectorCase.Load("github.json"),
            .. VectorCase.Load("standard-webhooks.json"), .. VectorCase.Load("stripe.json"), .. VectorCase.Load("infisical-alerts.json"),
            .. VectorCase.Load("slack.json"), .. VectorCase.Load("zoom.json"), .. VectorCase.Load("twitch.json"), .. VectorCase.Load("paddle.json"),
            .. VectorCase.Load("twilio.json"), .. VectorCase.Load("hubspot.json"), .. VectorCase.Load("square.json"),
            .. VectorCase.Load("shopify.json"), .. VectorCase.Load("linear.json"), .. VectorCase.Load("gitlab.json"),
            .. VectorCase.Load("discord.json"), .. VectorCase.Load("standard-webhooks-v1a.json"),
        ];

    [Theory]
    [MemberData(nameof(Vectors))]
    public Task Every_vector_gets_its_verdict_through_http(VectorCase vector) => AssertVerdictAsync(vector, kestrel: false);

    [Theory]
    [MemberData(nameof(Vectors))]
    public Task Every_vector_gets_its_verdict_from_a_real_kestrel_receiver(VectorCase vector) => AssertVerdictAsync(vector, kestrel: true);

    private static async Task AssertVerdictAsync(VectorCase vector, bool kestrel)
    {
        var descriptor = WebhookSchemeCatalog.BuiltIn.WithEd25519().Get(vector.Scheme);
        var scheme = descriptor.Create(vector.CreateOptions());

        // A registration also wants each key in its sender's form (a Standard Webhooks secret with its whsec_ prefix).
        var strong = vector.Secrets.Count > 0 && vector.Secrets.All(s => IsStrong(scheme, s) && descriptor.CheckSecret(s) is null);
        var start = TestApp.StartAsync(
            Shape.Convention,
            webhooks => Register(webhooks, vector),
            time: new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(vector.NowUnixMs ?? TestApp.Now.ToUnixTimeMilliseconds())),
            mapMore: (app, handler) => MapSignedPath(app, handler, vector),
            kestrel: kestrel);

        if (!strong)
        {
            // A receiver refuses to start with no secret, a weak one or one in the wrong form, naming the setting, never the value.
            var failure = (await start.Invoking(s => s).Should().ThrowAsync<OptionsValidationException>()).Which;
            failure.Message.Should().Contain($"'{vector.Scheme}'").And.Contain("Secrets");
            foreach (var secret in vector.Secrets.Where(s => s.Length > 0))
            {
                failure.Message.Should().NotContain(secret);
            }

            return;
        }

        await using var app = await start;

        using var request = Deliveries.Post(PathOf(vector), vector.BodyBytes, [.. vector.Headers.Select(h => (h.Key, h.Value))]);

        using var response = await app.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        if (vector.ExpectedValid && HandshakeAnswer(scheme, vector) is { } handshake)
        {
            // A verified handshake (Discord's PING) is answered by the verifier; the handler never sees it.
            ((int)response.StatusCode).Should().Be(handshake.StatusCode, "case {0} is a handshake", vector);
            text.Should().Be(System.Text.Encoding.UTF8.GetString(handshake.Body.Span));
            app.HandlerRuns.Should().Be(0);
        }
        else if (vector.ExpectedValid)
        {
            ((int)response.StatusCode).Should().Be(200, "case {0} is valid", vector);
            text.Should().StartWith($"{vector.Scheme}|{vector.Scheme}|key={vector.ExpectedMatchedSecretIndex}|t={vector.ExpectedTimestampUnixMs?.ToString(CultureInfo.InvariantCulture)}|")
                .And.Contain("|reread=True|");
        }
        else
        {
            ((int)response.StatusCode).Should().Be(401, "case {0} fails with {1}", vector, vector.ExpectedReason);
            text.Should().BeEmpty();
            app.HandlerRuns.Should().Be(0);
            if (vector.ExpectedReason is not null)
            {
                app.Logs.Entries.Should().Contain(e => e.Category == typeof(WebhookDeliveryPipeline).FullName && e.EventId.Id == 2 && e.Values.Contains($"Reason={vector.ExpectedReason}", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>What the scheme answers for the case when it is a handshake its sender expects a reply to; null otherwise.</summary>
    private static WebhookHandshakeResponse? HandshakeAnswer(WebhookScheme scheme, VectorCase vector)
    {
        using var keys = scheme.CreateKeyRing(vector.Secrets);
        var headers = vector.CreateHeaders();
        return scheme.Verify(new WebhookDelivery(headers, vector.BodyBytes, vector.Target), keys, WebhookReadParts.Handshake).Handshake;
    }

    /// <summary>
    /// The path the case is posted to: for a URL-signing case, its own URL's path and query, which the registration's
    /// <see cref="WebhookRegistrationOptions.PublicBaseUrl"/> puts back under the sender's scheme and host, as behind a
    /// proxy; otherwise <c>/hooks/&lt;scheme&gt;</c>.
    /// </summary>
    internal static string PathOf(VectorCase vector) =>
        vector.Url is { } url ? new Uri(url).PathAndQuery : $"/hooks/{vector.Scheme}";

    /// <summary>The public base URL (the sender's scheme and host) under which <see cref="PathOf"/> is the case's URL.</summary>
    internal static Uri? PublicBaseOf(VectorCase vector) =>
        vector.Url is { } url ? new Uri(new Uri(url).GetLeftPart(UriPartial.Authority), UriKind.Absolute) : null;

    /// <summary>Maps the path a URL-signing case was sent to, requiring the case's registration.</summary>
    internal static void MapSignedPath(WebApplication app, Delegate handler, VectorCase vector)
    {
        if (vector.Url is { } url)
        {
            app.MapPost(new Uri(url).AbsolutePath, handler).RequireWebhookSignature(vector.Scheme);
        }
    }

    private static void Register(WebhookSignaturesBuilder webhooks, VectorCase vector)
    {
        var baseUrl = PublicBaseOf(vector);
        void Configure(WebhookRegistrationOptions o)
        {
            foreach (var secret in vector.Secrets)
            {
                o.Secrets.Add(secret);
            }

            o.Tolerance = TimeSpan.FromSeconds(vector.ToleranceSeconds ?? 300);
            o.PublicBaseUrl = baseUrl;
        }

        _ = vector.Scheme switch
        {
            InfisicalSignature.SchemeName => webhooks.AddInfisical(vector.Scheme, Configure),
            SnykSignature.SchemeName => webhooks.AddSnyk(vector.Scheme, Configure),
            GitHubSignature.SchemeName => webhooks.AddGitHub(vector.Scheme, Configure),
            StandardWebhooksSignature.SchemeName => webhooks.AddStandardWebhooks(vector.Scheme, Configure),
            StripeSignature.SchemeName => webhooks.AddStripe(vector.Scheme, Configure),
            InfisicalAlertsSignature.SchemeName => webhooks.AddInfisicalAlerts(vector.Scheme, Configure),
            SlackSignature.SchemeName => webhooks.AddSlack(vector.Scheme, Configure),
            ZoomSignature.SchemeName => webhooks.AddZoom(vector.Scheme, Configure),
            TwitchSignature.SchemeName => webhooks.AddTwitch(vector.Scheme, Configure),
            PaddleSignature.SchemeName => webhooks.AddPaddle(vector.Scheme, Configure),
            TwilioSignature.SchemeName => webhooks.AddTwilio(vector.Scheme, Configure),
            HubSpotSignature.SchemeName => webhooks.AddHubSpot(vector.Scheme, Configure),
            SquareSignature.SchemeName => webhooks.AddSquare(vector.Scheme, Configure),
            ShopifySignature.SchemeName => webhooks.AddShopify(vector.Scheme, Configure),
            LinearSignature.SchemeName => webhooks.AddLinear(vector.Scheme, Configure),
            GitLabToken.SchemeName => webhooks.AddGitLab(vector.Scheme, Configure),
            DiscordSignature.SchemeName => webhooks.AddDiscord(vector.Scheme, Configure),
            _ => throw new ArgumentOutOfRangeException(nameof(vector), vector.Scheme, "No registration for this vector file."),
        };
    }

    private static bool IsStrong(WebhookScheme scheme, string secret)
    {
        using var ring = scheme.CreateKeyRing([secret]);
        return ring.GetKind(0) != WebhookKeyKind.Secret || KeyRing.IsStrong(ring.GetKey(0));
    }
}
