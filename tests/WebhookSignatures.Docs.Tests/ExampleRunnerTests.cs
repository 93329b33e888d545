using WebhookSignatures.Docs.Tests.Running;

namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// The runner fails an example that does not do what its comments say: a handler that fails, an endpoint that never
/// verifies, a duplicate run again, a program that cannot start. Each program here is a receiving example with one
/// thing wrong, run exactly as a documented block is.
/// </summary>
[Collection(DocumentedPrograms.Name)]
public sealed class ExampleRunnerTests
{
    private const string GitHubCheck = "run: scheme=github post=/hooks/github secret=Webhooks:GitHub:Secrets:0 signed=204 tampered=401 again=200";

    [Fact]
    public async Task A_receiver_whose_handler_fails_is_reported()
    {
        var failures = await RunAsync(Receiver("() => Results.StatusCode(500)"), GitHubCheck);

        failures.Should().Contain(f => f.Contains("signed: the page promises 204; the example answered 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_endpoint_that_does_not_verify_is_reported()
    {
        var failures = await RunAsync(Receiver("() => Results.NoContent()", requirement: string.Empty), GitHubCheck);

        failures.Should().Contain(f => f.Contains("tampered: the page promises 401; the example answered 204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_that_runs_the_handler_again_is_reported()
    {
        var failures = await RunAsync(Receiver("() => Results.NoContent()", options: "o.ExactlyOnce.Enabled = false;"), GitHubCheck);

        failures.Should().ContainSingle(f => f.Contains("again: the page promises 200 ''; the example answered 204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_handshake_left_to_a_handler_that_ignores_it_is_reported()
    {
        var failures = await RunAsync(
            Receiver("() => Results.NoContent()", scheme: "Slack", options: "o.AnswerHandshakes = false;"),
            "run: scheme=slack post=/hooks/github secret=Webhooks:GitHub:Secrets:0 body='{\"type\":\"url_verification\",\"challenge\":\"c-1\"}' signed=200 answer=c-1 tampered=401");

        failures.Should().Contain(f => f.Contains("signed: the page promises 200 'c-1'; the example answered 204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configuration_values_reach_the_example()
    {
        var failures = await RunAsync(
            Receiver("() => Results.NoContent()"),
            "run: scheme=github post=/hooks/github secret=Webhooks:GitHub:Secrets:0 config=Webhooks:GitHub:MaxBodySize=16 body='{\"zen\":\"more than sixteen bytes\"}' signed=413 tampered=413");

        failures.Should().BeEmpty("the body is over the configured MaxBodySize");
    }

    [Fact]
    public async Task A_receiver_that_cannot_start_is_reported_with_its_log()
    {
        // No secret= for the registration: its options fail validation when the application starts.
        var code = CompiledCode.Of($"runner test {Guid.NewGuid()}", Receiver("() => Results.NoContent()"));
        var example = ReceivingExample.Of(code.Where, ["run: get=/hooks/github status=401"]);

        var start = () => example.StartAsync(code);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*before it could start*Its log:*");
    }

    [Fact]
    public void Receiving_programs_are_told_from_other_programs_by_what_they_call()
    {
        CompiledCode.Of($"runner test {Guid.NewGuid()}", Receiver("() => Results.NoContent()")).IsReceiver.Should().BeTrue();

        // A web application without the package, and the package without a web application, receive no webhooks.
        CompiledCode.Of($"runner test {Guid.NewGuid()}", """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapPost("/hooks", () => Results.NoContent());
            app.Run();
            """).IsReceiver.Should().BeFalse();
        CompiledCode.Of($"runner test {Guid.NewGuid()}", """
            using WebhookSignatures.AspNetCore;
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddWebhookSignatures().AddGitHub("github", builder.Configuration.GetSection("Webhooks:GitHub"));
            using var app = builder.Build();
            """).IsReceiver.Should().BeFalse();
    }

    private static string Receiver(string handler, string requirement = ".RequireWebhookSignature(\"github\")", string options = "", string scheme = "GitHub") => $$"""
        using WebhookSignatures.AspNetCore;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddWebhookSignatures().Add{{scheme}}("github", o =>
        {
            builder.Configuration.GetSection("Webhooks:GitHub").Bind(o);
            {{options}}
        });

        var app = builder.Build();
        app.MapPost("/hooks/github", {{handler}}){{requirement}};
        app.Run();
        """;

    private static async Task<IReadOnlyList<string>> RunAsync(string program, string check)
    {
        var code = CompiledCode.Of($"runner test {Guid.NewGuid()}", program);
        code.Errors.Should().BeEmpty();
        var example = ReceivingExample.Of(code.Where, [check]);
        await using var started = await example.StartAsync(code);
        var (_, failures) = await started.CheckAsync();
        return failures;
    }
}
