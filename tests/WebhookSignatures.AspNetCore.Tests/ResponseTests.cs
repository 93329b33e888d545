using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore.Tests.Support;
using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class ResponseTests
{
    private const string Ping = """{"webhookId":"1"}""";

    [Theory]
    [InlineData(Shape.Middleware)]
    [InlineData(Shape.Convention)]
    [InlineData(Shape.Mvc)]
    public async Task With_problem_details_every_signature_failure_gets_one_identical_problem(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape, configureServices: s => s.AddProblemDetails());
        var failures = new[]
        {
            Deliveries.Snyk(Ping, Secrets.Unknown),
            Deliveries.Post("/hooks/snyk", "{}"u8.ToArray()),
            Deliveries.Post("/hooks/snyk", "{}"u8.ToArray(), ("X-Hub-Signature", "sha1=00")),
            Deliveries.Post("/hooks/snyk", "{}"u8.ToArray(), ("X-Hub-Signature", "garbage")),
            Deliveries.Infisical(Secrets.Infisical, TestApp.Now.AddHours(-1), "/hooks/infisical"),
        };

        var problems = new List<string>();
        foreach (var request in failures)
        {
            using var response = await app.Client.SendAsync(request);
            ((int)response.StatusCode).Should().Be(401);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            problems.Add(WithoutTraceId(await response.Content.ReadAsStringAsync()));
        }

        problems.Distinct().Should().ContainSingle("no response may tell which check failed");
        problems[0].Should().Contain("\"status\":401").And.Contain("The webhook signature could not be verified.");
    }

    [Fact]
    public async Task With_problem_details_an_oversized_body_gets_a_413_problem()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, configureServices: s => s.AddProblemDetails());

        using var response = await app.Client.SendAsync(Deliveries.Hub(SnykSignature.Default, Secrets.Snyk, new byte[TestApp.SnykMaxBodySize + 1], "/hooks/snyk"));

        ((int)response.StatusCode).Should().Be(413);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"status\":413").And.Contain("too large");
    }

    [Fact]
    public async Task Status_codes_are_configurable()
    {
        await using var app = await TestApp.StartAsync(Shape.Convention, w => w.AddSnyk("snyk", o =>
        {
            o.Secrets.Add(Secrets.Snyk);
            o.MaxBodySize = 8;
            o.UnauthorizedStatusCode = 403;
            o.BodyTooLargeStatusCode = 400;
        }));

        using var unsigned = await app.Client.SendAsync(Deliveries.Post("/hooks/snyk", "{}"u8.ToArray()));
        using var large = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        ((int)unsigned.StatusCode).Should().Be(403);
        ((int)large.StatusCode).Should().Be(400);
    }

    [Fact]
    public async Task The_secret_appears_in_no_response()
    {
        await using var app = await TestApp.StartAsync(Shape.Mvc, configureServices: s => s.AddProblemDetails());

        using var failed = await app.Client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        using var passed = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        var text = await failed.Content.ReadAsStringAsync() + await passed.Content.ReadAsStringAsync();
        text.Should().NotContain(Secrets.Snyk).And.NotContain(Secrets.Unknown);
    }

    [Theory]
    [InlineData(Shape.Convention)]
    [InlineData(Shape.Mvc)]
    public async Task Middleware_and_an_endpoint_requirement_together_verify_once(Shape shape)
    {
        await using var app = await TestApp.StartAsync(shape, withMiddleware: true);

        // A second pass through the pipeline would find the delivery already reserved and never run the handler.
        using var response = await app.Client.SendAsync(Deliveries.Snyk(Ping));

        ((int)response.StatusCode).Should().Be(200);
        app.Logs.Entries.Count(e => e.EventId.Name == "WebhookAccepted").Should().Be(1);
    }

    private static string WithoutTraceId(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join(",", document.RootElement.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}"));
    }
}
