using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>A custom scheme that never records a match gets no handler to run.</summary>
public sealed class CarelessSchemeTests
{
    [Fact]
    public async Task A_scheme_that_matches_nothing_is_refused_with_401_and_logged_as_a_mismatch()
    {
        var runs = 0;
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddWebhookSignatures()
            .AddScheme(new WebhookSchemeDescriptor(options => new CarelessScheme(options), "Careless", "A scheme that reads nothing."))
            .Add("careless", "careless", o => o.Secrets.Add(Secrets.Snyk));
        await using var app = builder.Build();
        app.MapPost("/hooks/careless", () => Interlocked.Increment(ref runs)).RequireWebhookSignature("careless");
        await app.StartAsync();

        using var response = await app.GetTestClient().SendAsync(Deliveries.Post("/hooks/careless", "{}"u8.ToArray()));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        runs.Should().Be(0);
        logs.Entries.Should().Contain(e => e.EventId.Name == "WebhookRejected" && e.Values.Contains("SignatureMismatch", StringComparison.Ordinal));
    }

    private sealed class CarelessScheme(WebhookSchemeOptions options) : WebhookScheme("careless", options)
    {
        public override IReadOnlyList<string> HeaderNames { get; } = ["X-Careless"];

        public override bool SignsTimestamp => false;

        // Reads nothing and records nothing: the skeleton must not take that for a verified delivery.
        protected override void VerifyCore(ref WebhookVerificationContext context)
        {
        }

        protected override SignedWebhook SignCore(ReadOnlySpan<byte> body, KeyRing keys, in WebhookSigningParameters parameters) =>
            throw new NotSupportedException();
    }
}
