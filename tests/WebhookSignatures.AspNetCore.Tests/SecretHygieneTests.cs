using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Every output the package produces, for passing and failing deliveries, searched for every secret's bytes as
/// text, hex and base64: logs at Trace, responses (ProblemDetails), metric tags, ToString of options, key rings,
/// results and features, and the messages of options validation failures.
/// </summary>
public sealed class SecretHygieneTests
{
    private const string BodyMarker = "secret-hygiene-body-marker";
    private const string Ping = """{"webhookId":"secret-hygiene-body-marker"}""";
    private const string ShortSecret = "too-short-15-bx";
    private const string MalformedStandardSecret = "whsec_!!not*base64!!-marker";

    // A Standard Webhooks key: the secret's text is base64, so the key bytes themselves are searched for too.
    private static readonly byte[] StandardKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(0xA5 ^ (i * 7)))];
    private static readonly string StandardSecret = StandardWebhooksSignature.SecretPrefix + Convert.ToBase64String(StandardKey);

    [Fact]
    public void The_search_finds_a_secret_in_each_form_it_looks_for()
    {
        var secret = Secrets.Snyk;
        var bytes = Encoding.UTF8.GetBytes(secret);

        Leaks($"x {secret} y").Should().NotBeEmpty();
        Leaks("x " + Convert.ToHexString(bytes) + " y").Should().NotBeEmpty();
        Leaks("x " + Convert.ToHexString(bytes).ToLowerInvariant() + " y").Should().NotBeEmpty();
        Leaks("x " + Convert.ToBase64String(bytes) + " y").Should().NotBeEmpty();
        Leaks("x " + Convert.ToHexString(StandardKey) + " y").Should().NotBeEmpty();
        Leaks("nothing to see").Should().BeEmpty();
    }

    [Fact]
    public async Task No_output_of_passing_or_failing_deliveries_contains_a_secret_a_signature_or_the_body()
    {
        var measurements = new ConcurrentQueue<string>();
        using var listener = ListenToEveryInstrument(measurements);
        await using var app = await TestApp.StartAsync(Shape.Convention, Register, s => s.AddProblemDetails());
        var requests = new List<HttpRequestMessage>
        {
            Deliveries.Infisical(Secrets.Infisical, TestApp.Now),
            Deliveries.Infisical(Secrets.Infisical, TestApp.Now),
            Deliveries.Infisical(Secrets.InfisicalPrevious, TestApp.Now.AddMinutes(-10)),
            Deliveries.Infisical(Secrets.Unknown, TestApp.Now),
            Deliveries.Snyk(Ping),
            Deliveries.Snyk(Ping, Secrets.Unknown),
            Deliveries.Post("/hooks/snyk", Encoding.UTF8.GetBytes(Ping)),
            Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"),
            Deliveries.GitHub(Ping),
            Deliveries.GitHub(Ping, Secrets.Unknown),
            StandardWebhooks(StandardSecret),
            StandardWebhooks(StandardWebhooksSignature.GenerateSecret()),
        };
        var signatures = requests.SelectMany(r => r.Headers).Where(h => h.Key.Contains("signature", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).ToList();
        var outputs = new List<string>();

        var statuses = new List<int>();
        foreach (var request in requests)
        {
            using var response = await app.Client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            outputs.Add($"{response.StatusCode} {response.Headers} {response.Content.Headers} {await response.Content.ReadAsStringAsync()}");
        }

        outputs.AddRange(await DescribeObjectsAsync(app));
        outputs.AddRange(app.Logs.Entries.Select(e => e.All));
        outputs.AddRange(measurements);

        statuses.Should().Equal(200, 200, 401, 401, 200, 401, 401, 413, 200, 401, 200, 401);
        app.Logs.Entries.Should().Contain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace, "Trace is captured");
        measurements.Should().Contain(m => m.Contains("webhooksig.verifications", StringComparison.Ordinal));
        outputs.SelectMany(Leaks).Should().BeEmpty();
        foreach (var signature in signatures)
        {
            // The MAC is the last part, after "sha256=", "v1=" or "v1,"; base64 padding is not part of it.
            var unpadded = signature.TrimEnd('=');
            var mac = unpadded[(unpadded.LastIndexOfAny([';', '=', ',']) + 1)..];
            mac.Length.Should().BeGreaterThanOrEqualTo(40);
            outputs.Should().NotContain(o => o.Contains(mac, StringComparison.OrdinalIgnoreCase), "a received signature is not logged or echoed");
        }

        // Response bodies are the handler's; every other output must not carry the body.
        outputs.Skip(requests.Count).Should().NotContain(o => o.Contains(BodyMarker, StringComparison.Ordinal));
        outputs.Skip(requests.Count).Should().NotContain(o => o.Contains("projectId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ShortSecret)]
    [InlineData(MalformedStandardSecret)]
    public async Task Options_validation_failures_name_the_setting_and_never_the_value(string secret)
    {
        var start = () => TestApp.StartAsync(Shape.Convention, w =>
        {
            Register(w);
            w.AddStandardWebhooks("standard-webhooks-2", o => o.Secrets.Add(secret));
        });

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;

        failure.Message.Should().Contain("standard-webhooks-2").And.Contain("Secrets:0");
        Leaks(failure.ToString(), secret).Should().BeEmpty();
        Leaks(string.Join(" ", failure.Failures), secret).Should().BeEmpty();
    }

    [Fact]
    public async Task A_reload_to_a_weak_secret_is_logged_and_thrown_without_the_secret()
    {
        var source = new ReloadableConfiguration(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = Secrets.Snyk });
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Add(source).Build();
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w
            .AddSnyk("snyk", configuration.GetSection("Webhooks:Snyk"))
            .AddInfisical("infisical", o => o.Secrets.Add(Secrets.Infisical))
            .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub)));

        var reload = () => source.Replace(new Dictionary<string, string?> { ["Webhooks:Snyk:Secrets:0"] = ShortSecret, ["Webhooks:Snyk:Secrets:1"] = Secrets.Snyk });
        var thrown = reload.Should().Throw<OptionsValidationException>().Which;
        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping, ShortSecret));

        ((int)response.StatusCode).Should().Be(401);
        app.Logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookInvalidOptions");
        Leaks(thrown.ToString(), ShortSecret).Should().BeEmpty();
        app.Logs.Entries.Select(e => e.All).SelectMany(l => Leaks(l, ShortSecret)).Should().BeEmpty();
    }

    private static void Register(WebhookSignaturesBuilder webhooks)
    {
        TestApp.DefaultRegistrations(webhooks);
        webhooks.AddStandardWebhooks("standard-webhooks", o => o.Secrets.Add(StandardSecret));
    }

    private static HttpRequestMessage StandardWebhooks(string secret)
    {
        var scheme = new StandardWebhooksSignature();
        using var keys = scheme.CreateKeyRing([secret]);
        var signed = scheme.Sign(Encoding.UTF8.GetBytes(Ping), keys, new() { Timestamp = TestApp.Now, DeliveryId = "msg_secret_hygiene" });
        return Deliveries.Post("/hooks/standard-webhooks", signed.Body.ToArray(), [.. signed.Headers.Select(h => (h.Key, h.Value))]);
    }

    /// <summary>ToString of everything a developer might print: options, rings, registrations, results, features.</summary>
    private static async Task<List<string>> DescribeObjectsAsync(TestApp app)
    {
        var described = new List<string>();
        var monitor = app.Services.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>();
        var catalog = app.Services.GetRequiredService<WebhookRegistrations>();
        foreach (var name in (string[])["infisical", "snyk", "github", "standard-webhooks"])
        {
            var options = monitor.Get(name);
            described.Add($"{options} {options.ExactlyOnce} {options.Secrets.GetType()}");
            var active = catalog.Acquire(name);
            described.Add($"{active} {active.Keys} {active.Scheme} {active.Options}");
            active.Release();
        }

        var verifier = app.Services.GetRequiredService<WebhookDeliveryPipeline>();
        foreach (var secret in (string[])[Secrets.GitHub, Secrets.Unknown])
        {
            var context = new DefaultHttpContext { RequestServices = app.Services };
            using var request = Deliveries.GitHub(Ping + secret.Length, secret);
            foreach (var header in request.Headers)
            {
                context.Request.Headers[header.Key] = header.Value.ToArray();
            }

            context.Request.Body = await request.Content!.ReadAsStreamAsync();
            await verifier.VerifyAsync(context, "github");
            var feature = context.GetWebhookVerification();
            described.Add($"{context.Response.StatusCode} {feature} {feature?.Result} {feature?.Result.Identity} {feature?.Scheme}");
        }

        using var keys = KeyRing.FromSecrets(Secrets.GitHub);
        var body = Encoding.UTF8.GetBytes(Ping);
        var headers = new WebhookHeaders();
        headers.Add(GitHubSignature.SignatureHeaderName, "sha256=" + new string('0', 64));
        described.Add($"{keys} {GitHubSignature.Default.Verify(new WebhookDelivery(headers, body), keys, WebhookReadParts.All)} {GitHubSignature.Default.Sign(body, keys).Headers.Count}");
        return described;
    }

    private static MeterListener ListenToEveryInstrument(ConcurrentQueue<string> measurements)
    {
        var listener = new MeterListener { InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument) };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue($"{instrument.Meter.Name} {instrument.Name} {Describe(tags)}"));
        listener.SetMeasurementEventCallback<int>((instrument, _, tags, _) => measurements.Enqueue($"{instrument.Meter.Name} {instrument.Name} {Describe(tags)}"));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue($"{instrument.Meter.Name} {instrument.Name} {Describe(tags)}"));
        listener.Start();
        return listener;
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags)
        {
            text.Append(tag.Key).Append('=').Append(tag.Value).Append(' ');
        }

        return text.ToString();
    }

    /// <summary>The forms of each secret found in <paramref name="output"/>: text, hex either case, base64; key bytes for encoded secrets.</summary>
    private static IEnumerable<string> Leaks(string output) => Leaks(output, [.. Secrets.All, Secrets.Unknown, StandardSecret, ShortSecret, MalformedStandardSecret]);

    private static IEnumerable<string> Leaks(string output, params string[] secrets)
    {
        var forms = new List<string>();
        foreach (var secret in secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            forms.AddRange([secret, Convert.ToHexString(bytes), Convert.ToBase64String(bytes)]);
        }

        forms.AddRange([StandardSecret[StandardWebhooksSignature.SecretPrefix.Length..], Convert.ToHexString(StandardKey)]);
        return forms.Where(form => output.Contains(form, StringComparison.OrdinalIgnoreCase)).Select(form => $"'{form}' in: {output}");
    }
}
