using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Discord;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Tests.Vectors;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>The core's vectors for every built-in scheme, posted over HTTP.</summary>
public sealed class VectorHttpTests
{
    public static TheoryData<VectorCase> Vectors() =>
        [
            .. VectorCase.Load("infisical.json"), .. VectorCase.Load("snyk.json"), .. VectorCase.Load("github.json"),
            .. VectorCase.Load("standard-webhooks.json"), .. VectorCase.Load("stripe.json"), .. VectorCase.Load("infisical-alerts.json"),
            .. VectorCase.Load("discord.json"), .. VectorCase.Load("standard-webhooks-v1a.json"),
        ];

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task Every_vector_gets_its_verdict_through_http(VectorCase vector)
    {
        var scheme = Ed25519SchemeCatalog.Get(vector.Scheme).Create(vector.CreateOptions());
        var strong = vector.Secrets.Count > 0 && vector.Secrets.All(s => IsStrong(scheme, s));
        var start = TestApp.StartAsync(
            Shape.Convention,
            webhooks => Register(webhooks, vector),
            time: new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(vector.NowUnixMs ?? TestApp.Now.ToUnixTimeMilliseconds())));

        if (!strong)
        {
            // A receiver refuses to start with no secret or a weak one, naming the setting, never the value.
            var failure = (await start.Invoking(s => s).Should().ThrowAsync<OptionsValidationException>()).Which;
            failure.Message.Should().Contain($"'{vector.Scheme}'").And.Contain("Secrets");
            foreach (var secret in vector.Secrets.Where(s => s.Length > 0))
            {
                failure.Message.Should().NotContain(secret);
            }

            return;
        }

        await using var app = await start;
        using var request = Deliveries.Post($"/hooks/{vector.Scheme}", vector.BodyBytes, [.. vector.Headers.Select(h => (h.Key, h.Value))]);

        using var response = await app.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        if (vector.ExpectedValid)
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
                app.Logs.Entries.Should().Contain(e => e.Category == typeof(WebhookRequestVerifier).FullName && e.EventId.Id == 2 && e.Values.Contains($"Reason={vector.ExpectedReason}", StringComparison.Ordinal));
            }
        }
    }

    private static void Register(WebhookSignaturesBuilder webhooks, VectorCase vector)
    {
        void Configure(WebhookRegistrationOptions o)
        {
            foreach (var secret in vector.Secrets)
            {
                o.Secrets.Add(secret);
            }

            o.Tolerance = TimeSpan.FromSeconds(vector.ToleranceSeconds ?? 300);
        }

        _ = vector.Scheme switch
        {
            InfisicalSignature.SchemeName => webhooks.AddInfisical(vector.Scheme, Configure),
            SnykSignature.SchemeName => webhooks.AddSnyk(vector.Scheme, Configure),
            GitHubSignature.SchemeName => webhooks.AddGitHub(vector.Scheme, Configure),
            StandardWebhooksSignature.SchemeName => webhooks.AddStandardWebhooks(vector.Scheme, Configure),
            StripeSignature.SchemeName => webhooks.AddStripe(vector.Scheme, Configure),
            InfisicalAlertsSignature.SchemeName => webhooks.AddInfisicalAlerts(vector.Scheme, Configure),
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
