using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Every way an application can be wired wrongly fails closed: an endpoint carrying a signature requirement never runs
/// for an unsigned request, whatever the middleware order or metadata shape, and contradictory or unknown requirements
/// refuse to start, naming the endpoint and the fix.
/// </summary>
public sealed class MisconfigurationTests
{
    private const string Ping = """{"webhookId":"1"}""";

    public static TheoryData<string> Wirings() => new()
    {
        "attribute on a minimal API handler, no middleware",
        "WithMetadata, no middleware",
        "middleware before routing",
        "ShortCircuit with WithMetadata",
        "ShortCircuit with RequireWebhookSignature",
        "middleware after routing",
    };

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task An_unsigned_request_never_runs_the_handler_and_a_signed_one_does(string wiring)
    {
        var runs = 0;
        await using var app = await StartAsync(wiring, () => Interlocked.Increment(ref runs));
        var client = app.GetTestClient();

        using var unsigned = await client.SendAsync(Deliveries.Post("/hooks/snyk", System.Text.Encoding.UTF8.GetBytes(Ping)));
        using var forged = await client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown));
        var runsBeforeSigned = runs;
        using var signed = await client.SendAsync(Deliveries.Snyk(Ping));

        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        runsBeforeSigned.Should().Be(0);
        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Should().Be(1);
    }

    [Fact]
    public async Task A_group_and_an_endpoint_requiring_different_registrations_refuse_to_start()
    {
        var start = () => StartAsync(app =>
            app.MapGroup("/hooks").RequireWebhookSignature("strong").MapPost("/snyk", () => "ran").RequireWebhookSignature("weak"));

        var failure = (await start.Should().ThrowAsync<InvalidOperationException>()).Which;
        failure.Message.Should().Contain("/hooks/snyk").And.Contain("'strong'").And.Contain("'weak'").And.Contain("one registration per endpoint");
    }

    [Fact]
    public async Task Metadata_naming_several_registrations_refuses_to_start_in_any_shape()
    {
        var start = () => StartAsync(app =>
            app.MapPost("/hooks/snyk", () => "ran").WithMetadata(new RequireWebhookSignatureAttribute("strong"), new RequireWebhookSignatureAttribute("weak")));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("several registrations");
    }

    [Fact]
    public async Task An_endpoint_naming_no_registration_refuses_to_start()
    {
        var start = () => StartAsync(app => app.MapPost("/hooks/stripe", () => "ran").RequireWebhookSignature("stripe"));

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("'stripe'").And.Contain("no registration has that name").And.Contain("Add(\"stripe\"");
    }

    [Fact]
    public async Task Contradictory_requirements_the_start_up_check_did_not_see_are_refused_per_request_with_500()
    {
        await using var app = await StartAsync(_ => { });
        var runs = 0;
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.SetEndpoint(new Endpoint(
            _ => Task.CompletedTask,
            new EndpointMetadataCollection(new RequireWebhookSignatureAttribute("strong"), new RequireWebhookSignatureAttribute("weak")),
            "added later"));
        var middleware = new WebhookSignatureMiddleware(_ =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });

        await middleware.InvokeAsync(context);

        context.Response.StatusCode.Should().Be(500);
        runs.Should().Be(0);
    }

    private static Task<WebApplication> StartAsync(string wiring, Action run)
    {
        IResult Handler()
        {
            run();
            return Results.Ok();
        }

        return StartAsync(app =>
        {
            switch (wiring)
            {
                case "attribute on a minimal API handler, no middleware":
                    app.MapPost("/hooks/snyk", [RequireWebhookSignature("strong")] () => Handler());
                    break;
                case "WithMetadata, no middleware":
                    app.MapPost("/hooks/snyk", Handler).WithMetadata(new RequireWebhookSignatureAttribute("strong"));
                    break;
                case "middleware before routing":
                    app.UseWebhookSignatures();
                    app.UseRouting();
                    app.MapPost("/hooks/snyk", Handler).WithMetadata(new RequireWebhookSignatureAttribute("strong"));
                    break;
                case "ShortCircuit with WithMetadata":
                    app.MapPost("/hooks/snyk", Handler).WithMetadata(new RequireWebhookSignatureAttribute("strong")).ShortCircuit();
                    break;
                case "ShortCircuit with RequireWebhookSignature":
                    app.MapPost("/hooks/snyk", Handler).RequireWebhookSignature("strong").ShortCircuit();
                    break;
                default:
                    app.UseRouting();
                    app.UseWebhookSignatures();
                    app.MapPost("/hooks/snyk", Handler).WithMetadata(new RequireWebhookSignatureAttribute("strong"));
                    break;
            }
        });
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddWebhookSignatures()
            .AddSnyk("strong", o => o.Secrets.Add(Secrets.Snyk))
            .AddSnyk("weak", o => o.Secrets.Add(Secrets.GitHub));
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
