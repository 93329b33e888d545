using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Ed25519;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class OptionsTests
{
    private const string Ping = """{"webhookId":"1"}""";

    public static TheoryData<string, Action<WebhookRegistrationOptions>, string> InvalidOptions() => new()
    {
        { "no secret", _ => { }, "Secrets must hold at least one secret" },
        { "short secret", o => o.Secrets.Add("short-secret"), "Secrets:0 is shorter than 16 bytes" },
        { "short older secret", o => { o.Secrets.Add(Secrets.Snyk); o.Secrets.Add("short-secret"); }, "Secrets:1 is shorter than 16 bytes" },
        { "zero tolerance", o => { o.Secrets.Add(Secrets.Snyk); o.Tolerance = TimeSpan.Zero; }, "Tolerance must be above zero and at most one day" },
        { "tolerance over a day", o => { o.Secrets.Add(Secrets.Snyk); o.Tolerance = TimeSpan.FromHours(25); }, "Tolerance must be above zero and at most one day" },
        { "zero body size", o => { o.Secrets.Add(Secrets.Snyk); o.MaxBodySize = 0; }, "MaxBodySize must be above zero" },
        { "zero replay time to live", o => { o.Secrets.Add(Secrets.Snyk); o.ExactlyOnce.TimeToLive = TimeSpan.Zero; }, "ExactlyOnce:TimeToLive must be above zero" },
        { "zero body read timeout", o => { o.Secrets.Add(Secrets.Snyk); o.BodyReadTimeout = TimeSpan.Zero; }, "BodyReadTimeout must be above zero and at most one hour" },
        { "body read timeout over an hour", o => { o.Secrets.Add(Secrets.Snyk); o.BodyReadTimeout = TimeSpan.FromMinutes(61); }, "BodyReadTimeout must be above zero and at most one hour" },
        { "success status for failures", o => { o.Secrets.Add(Secrets.Snyk); o.UnauthorizedStatusCode = 200; }, "UnauthorizedStatusCode must be an HTTP error status" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_stop_the_start_with_a_message_naming_registration_and_setting(string label, Action<WebhookRegistrationOptions> configure, string expected)
    {
        var start = () => TestApp.StartAsync(Shape.Convention, w => w.AddSnyk("snyk-prod", configure).AddInfisical("infisical", o => o.Secrets.Add(Secrets.Infisical)).AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub)));

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>(label)).Which;

        failure.Message.Should().Contain("Webhook registration 'snyk-prod'").And.Contain(expected).And.NotContain("short-secret");
    }

    [Fact]
    public async Task Options_bind_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:Snyk:Secrets:0"] = Secrets.Snyk,
            ["Webhooks:Snyk:MaxBodySize"] = "20",
            ["Webhooks:Snyk:ExactlyOnce:Enabled"] = "false",
        }).Build();
        await using var app = await TestApp.StartAsync(Shape.Convention, w => RegisterFrom(w, configuration));

        using var first = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var again = await app.Client.SendAsync(Deliveries.Snyk(Ping));
        using var large = await app.Client.SendAsync(Deliveries.Snyk(Ping + "      "));

        ((int)first.StatusCode).Should().Be(200);
        ((int)again.StatusCode).Should().Be(200, "exactly-once handling is off in configuration");
        ((int)large.StatusCode).Should().Be(413, "the configured limit is 20 bytes");
    }

    [Fact]
    public void The_body_read_timeout_defaults_to_thirty_seconds_and_binds_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:Snyk:Secrets:0"] = Secrets.Snyk,
            ["Webhooks:Snyk:BodyReadTimeout"] = "00:00:05",
        }).Build();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddWebhookSignatures().AddSnyk("snyk", configuration.GetSection("Webhooks:Snyk")).AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub));
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var monitor = (IOptionsMonitor<WebhookRegistrationOptions>)provider.GetService(typeof(IOptionsMonitor<WebhookRegistrationOptions>))!;

        monitor.Get("snyk").BodyReadTimeout.Should().Be(TimeSpan.FromSeconds(5));
        monitor.Get("github").BodyReadTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Reloading_configuration_rotates_secrets_without_a_restart()
    {
        const string next = "snyk-webhook-secret-rotated-02";
        var source = new ReloadableConfiguration(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = Secrets.Snyk });
        var configuration = new ConfigurationBuilder().Add(source).Build();
        await using var app = await TestApp.StartAsync(Shape.Middleware, w => RegisterFrom(w, configuration));

        using var before = await app.Client.SendAsync(Deliveries.Snyk(Ping, next));
        ((int)before.StatusCode).Should().Be(401, "the new secret is not configured yet");

        source.Replace(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = next, ["Webhooks:Snyk:Secrets:1"] = Secrets.Snyk });

        using var withNew = await app.Client.SendAsync(Deliveries.Snyk(Ping, next));
        using var withOld = await app.Client.SendAsync(Deliveries.Snyk(Ping + " ", Secrets.Snyk));
        ((int)withNew.StatusCode).Should().Be(200);
        (await withNew.Content.ReadAsStringAsync()).Should().Contain("key=0");
        ((int)withOld.StatusCode).Should().Be(200);
        (await withOld.Content.ReadAsStringAsync()).Should().Contain("key=1");

        source.Replace(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = next });

        using var retired = await app.Client.SendAsync(Deliveries.Snyk(Ping + "  ", Secrets.Snyk));
        ((int)retired.StatusCode).Should().Be(401, "the old secret was dropped");
    }

    [Fact]
    public async Task A_reload_to_invalid_options_refuses_deliveries_and_logs_without_the_secret()
    {
        var source = new ReloadableConfiguration(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = Secrets.Snyk });
        var configuration = new ConfigurationBuilder().Add(source).Build();
        await using var app = await TestApp.StartAsync(Shape.Convention, w => RegisterFrom(w, configuration));

        // The options monitor re-validates as soon as the configuration reloads, so the reload itself reports it.
        source.Invoking(s => s.Replace(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = "weak-secret" }))
            .Should().Throw<OptionsValidationException>().WithMessage("*snyk*");
        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, "weak-secret"));

        ((int)response.StatusCode).Should().Be(401);
        app.HandlerRuns.Should().Be(0);
        var logged = app.Logs.Entries.Single(e => e.Category == typeof(WebhookDeliveryPipeline).FullName && e.EventId.Id == 7);
        logged.All.Should().Contain("snyk").And.Contain("Secrets:0").And.NotContain("weak-secret");
    }

    [Fact]
    public async Task A_scheme_of_your_own_joins_the_catalog_through_AddScheme_and_registers_by_name()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, w =>
        {
            TestApp.DefaultRegistrations(w);
            w.AddScheme(new WebhookSchemeDescriptor(options => new AcmeSignature(options), "Acme", "Acme: X-Acme-Signature: sha256=<hex HMAC-SHA256 of the body>."))
                .Add("acme", "acme", o => o.Secrets.Add("acme-webhook-secret-000001"));
        });
        var body = Encoding.UTF8.GetBytes(Ping);
        using var keys = KeyRing.FromSecrets("acme-webhook-secret-000001");
        var header = HubSignature.CreateSignatureHeader(body, keys.GetKey(0));

        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = app.Services };
        context.Request.Headers["X-Acme-Signature"] = header;
        context.Request.Body = new MemoryStream(body);
        var verifier = (WebhookDeliveryPipeline)app.Services.GetService(typeof(WebhookDeliveryPipeline))!;

        (await verifier.VerifyAsync(context, "acme")).Should().BeTrue();
        context.GetWebhookVerification()!.Scheme.Should().BeOfType<AcmeSignature>();
        context.GetWebhookVerification()!.EventName.Should().Be("acme.event");
    }

    [Fact]
    public async Task The_catalog_in_the_services_holds_every_built_in_sender_with_ed25519_and_the_schemes_added()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, w =>
        {
            TestApp.DefaultRegistrations(w);
            w.AddScheme(new WebhookSchemeDescriptor(options => new AcmeSignature(options), "Acme", "Acme's own."));
        });

        var catalog = app.Services.GetRequiredService<WebhookSchemeCatalog>();

        catalog.SupportsEd25519.Should().BeTrue();
        catalog.All.Select(s => s.Name).Should().StartWith(WebhookSchemeCatalog.BuiltIn.WithEd25519().All.Select(s => s.Name)).And.EndWith("acme");
        catalog.TryGet("discord", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_registration_naming_a_scheme_the_catalog_lacks_refuses_to_start_and_names_it()
    {
        var start = () => TestApp.StartAsync(Shape.Convention, w =>
        {
            TestApp.DefaultRegistrations(w);
            w.Add("acme", "acme", o => o.Secrets.Add("acme-webhook-secret-000001"));
        });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("'acme'").And.Contain("no scheme is named").And.Contain("AddScheme");
    }

    [Fact]
    public void Registering_a_name_twice_is_refused()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddWebhookSignatures().AddSnyk("hooks", o => o.Secrets.Add(Secrets.Snyk));

        var again = () => services.AddWebhookSignatures().AddGitHub("hooks", o => o.Secrets.Add(Secrets.GitHub));

        again.Should().Throw<InvalidOperationException>().WithMessage("*'hooks'*");
        services.Where(d => d.ServiceType == typeof(WebhookRegistration)).Should().ContainSingle("the refused registration added none");
    }

    [Fact]
    public async Task An_endpoint_naming_an_unknown_registration_fails_loudly()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = app.Services };
        var verifier = (WebhookDeliveryPipeline)app.Services.GetService(typeof(WebhookDeliveryPipeline))!;

        var verify = () => verifier.VerifyAsync(context, "stripe");

        await verify.Should().ThrowAsync<InvalidOperationException>().WithMessage("*'stripe'*");
    }

    private static void RegisterFrom(WebhookSignaturesBuilder webhooks, IConfiguration configuration)
    {
        webhooks
            .AddSnyk("snyk", configuration.GetSection("Webhooks:Snyk"))
            .AddInfisical("infisical", o => o.Secrets.Add(Secrets.Infisical))
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub));
    }

    /// <summary>A user's own scheme: a hub signature under another header, with a fixed event name.</summary>
    private sealed class AcmeSignature(WebhookSchemeOptions options) : WebhookScheme("acme", options)
    {
        private const string SignatureHeaderName = "X-Acme-Signature";

        public override IReadOnlyList<string> HeaderNames { get; } = [SignatureHeaderName];

        public override bool SignsTimestamp => false;

        protected override void VerifyCore(ref WebhookVerificationContext context)
        {
            const string Prefix = "sha256=";
            Span<byte> received = stackalloc byte[32];
            if (!context.TryGetHeader(SignatureHeaderName, out var header)
                || !(header.StartsWith(Prefix, StringComparison.Ordinal) || context.Fail(WebhookFailureReason.MalformedSignature))
                || !context.TryDecodeHex(header[Prefix.Length..], received)
                || !context.MatchHmacSha256(default, received))
            {
                return;
            }

            if (context.Wants(WebhookReadParts.Description))
            {
                context.Describe(new("acme.event", false, null, false));
            }
        }

        protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
            new(body.ToArray(), new WebhookHeaders { { SignatureHeaderName, HubSignature.CreateSignatureHeader(body, SigningSecret(keys)) } }, null);
    }
}
