using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Wirings beyond the three usual shapes fail closed too: endpoints that appear after start, fallbacks, conventions
/// that replace the request delegate after ours, the middleware twice, a path base, conventional and dynamic MVC
/// routes, and CORS preflights. An unsigned request never runs the handler; a signed one runs it once.
/// </summary>
public sealed class UnusualWiringTests
{
    private const string Ping = """{"webhookId":"1"}""";

    private static int s_runs;

    public static TheoryData<string> Wirings() => new()
    {
        "MapFallback with WithMetadata",
        "MapFallback with RequireWebhookSignature",
        "a Finally convention after ours replaces the delegate",
        "a group Finally convention replaces the delegate",
        "an endpoint filter",
        "UseWebhookSignatures twice",
        "UsePathBase",
        "MVC conventional route",
        "MVC dynamic controller route",
    };

    [Theory]
    [MemberData(nameof(Wirings))]
    public async Task An_unsigned_request_never_runs_the_handler_and_a_signed_one_runs_it_once(string wiring)
    {
        var runs = new Counter();
        await using var app = await StartAsync(wiring, runs);
        var client = app.GetTestClient();
        // The MVC controllers of this assembly that have attribute routes own /hooks/snyk there.
        var path = wiring switch
        {
            "UsePathBase" => "/base/hooks/snyk",
            _ when wiring.StartsWith("MVC", StringComparison.Ordinal) => "/mvc/hooks",
            _ => "/hooks/snyk",
        };

        using var unsigned = await client.SendAsync(Deliveries.Post(path, Encoding.UTF8.GetBytes(Ping)));
        using var forged = await client.SendAsync(Deliveries.Snyk(Ping, Secrets.Unknown, path));
        var runsBeforeSigned = runs.Value;
        using var signed = await client.SendAsync(Deliveries.Snyk(Ping, path: path));
        using var resent = await client.SendAsync(Deliveries.Snyk(Ping, path: path));

        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        runsBeforeSigned.Should().Be(0);
        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        resent.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Value.Should().Be(1, "the resend is a duplicate");
    }

    [Fact]
    public async Task An_endpoint_added_to_a_data_source_after_start_is_verified()
    {
        var runs = new Counter();
        var source = new LateEndpointSource();
        await using var app = await StartAsync(a => ((IEndpointRouteBuilder)a).DataSources.Add(source));
        var client = app.GetTestClient();

        source.Add(Endpoint("/hooks/snyk", "strong", runs));
        source.Add(Endpoint("/hooks/unknown", "a-registration-nobody-made", runs));
        using var unsigned = await client.SendAsync(Deliveries.Post("/hooks/snyk", Encoding.UTF8.GetBytes(Ping)));
        using var signed = await client.SendAsync(Deliveries.Snyk(Ping));
        var unknown = await StatusOrExceptionAsync(client, Deliveries.Snyk(Ping + " ", path: "/hooks/unknown"));

        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        unknown.Should().Be(500, "a registration the start-up check never saw fails the request, not open");
        runs.Value.Should().Be(1);
    }

    [Fact]
    public async Task An_endpoint_chosen_at_request_time_by_a_dynamic_matcher_policy_is_verified()
    {
        // How MVC's dynamic routes and plug-in routers work: the route table holds a placeholder marked dynamic, and a
        // matcher policy swaps in the real endpoint per request. The real one carries only the attribute.
        var runs = new Counter();
        var target = Endpoint("/plugins/{name}", "strong", runs);
        await using var app = await StartAsync(
            a =>
            {
                var placeholder = a.Map("/plugins/{name}", () => Results.NotFound());
                placeholder.WithMetadata(new DynamicPlaceholder());
            },
            services => services.AddSingleton<MatcherPolicy>(new SwapInPolicy(target)));
        var client = app.GetTestClient();

        using var unsigned = await client.SendAsync(Deliveries.Post("/plugins/snyk", Encoding.UTF8.GetBytes(Ping)));
        using var signed = await client.SendAsync(Deliveries.Snyk(Ping, path: "/plugins/snyk"));

        unsigned.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        runs.Value.Should().Be(1);
    }

    [Fact]
    public async Task A_cors_preflight_to_a_webhook_endpoint_is_answered_without_running_the_handler()
    {
        var runs = new Counter();
        await using var app = await StartAsync(
            a =>
            {
                a.UseCors();
                a.MapPost("/hooks/snyk", () => runs.Increment()).RequireWebhookSignature("strong").RequireCors(p => p.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader());
                a.MapMethods("/hooks/any", ["POST", "OPTIONS"], () => runs.Increment()).RequireWebhookSignature("strong");
            },
            services => services.AddCors());
        var client = app.GetTestClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/hooks/snyk");
        preflight.Headers.Add("Origin", "https://sender.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflighted = await client.SendAsync(preflight);
        using var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/hooks/any"));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/hooks/snyk"));

        ((int)preflighted.StatusCode).Should().BeOneOf(200, 204);
        options.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        head.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        runs.Value.Should().Be(0);
    }

    private static RouteEndpoint Endpoint(string pattern, string registration, Counter runs)
    {
        var builder = new RouteEndpointBuilder(runs.IncrementAsync, RoutePatternFactory.Parse(pattern), 0) { DisplayName = pattern };
        builder.Metadata.Add(new RequireWebhookSignatureAttribute(registration));
        return (RouteEndpoint)builder.Build();
    }

    private static async Task<int> StatusOrExceptionAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (InvalidOperationException)
        {
            // TestServer hands the application's exception to the caller; a real server answers 500.
            return 500;
        }
    }

    private static Task<WebApplication> StartAsync(string wiring, Counter runs)
    {
        IResult Handler()
        {
            runs.Increment();
            return Results.Ok();
        }

        return StartAsync(
            app =>
            {
                switch (wiring)
                {
                    case "MapFallback with WithMetadata":
                        app.MapFallback(Handler).WithMetadata(new RequireWebhookSignatureAttribute("strong"));
                        break;
                    case "MapFallback with RequireWebhookSignature":
                        app.MapFallback(Handler).RequireWebhookSignature("strong");
                        break;
                    case "a Finally convention after ours replaces the delegate":
                        app.MapPost("/hooks/snyk", Handler).RequireWebhookSignature("strong").Finally(ReplaceDelegate);
                        break;
                    case "a group Finally convention replaces the delegate":
                        var group = app.MapGroup("/hooks").RequireWebhookSignature("strong");
                        group.MapPost("/snyk", Handler);
                        ((IEndpointConventionBuilder)group).Finally(ReplaceDelegate);
                        break;
                    case "an endpoint filter":
                        app.MapPost("/hooks/snyk", Handler).AddEndpointFilter((context, next) => next(context)).WithMetadata(new RequireWebhookSignatureAttribute("strong"));
                        break;
                    case "UseWebhookSignatures twice":
                        app.UseRouting();
                        app.UseWebhookSignatures();
                        app.UseWebhookSignatures();
                        app.MapPost("/hooks/snyk", Handler).RequireWebhookSignature("strong");
                        break;
                    case "UsePathBase":
                        app.UsePathBase("/base");
                        app.UseRouting();
                        app.MapPost("/hooks/snyk", Handler).RequireWebhookSignature("strong");
                        break;
                    case "MVC conventional route":
                        s_runs = 0;
                        app.MapControllerRoute("hooks", "mvc/hooks", new { controller = "ConventionalHooks", action = nameof(ConventionalHooksController.Receive) });
                        break;
                    default:
                        s_runs = 0;
                        app.MapDynamicControllerRoute<HooksTransformer>("mvc/{name}");
                        break;
                }
            },
            services =>
            {
                if (wiring.StartsWith("MVC", StringComparison.Ordinal))
                {
                    // The assembly's attribute-routed controllers are mapped too, and need their registrations.
                    services.AddWebhookSignatures()
                        .AddSnyk("snyk", o => o.Secrets.Add(Secrets.Snyk))
                        .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub))
                        .AddInfisical("infisical", o => o.Secrets.Add(Secrets.Infisical));
                    services.AddControllers().AddApplicationPart(typeof(ConventionalHooksController).Assembly);
                    services.AddSingleton<HooksTransformer>();
                    runs.Read = () => Volatile.Read(ref s_runs);
                }
            });
    }

    // A convention of another library that wraps whatever delegate the endpoint has when it runs.
    private static void ReplaceDelegate(EndpointBuilder endpoint)
    {
        if (endpoint.RequestDelegate is { } inner)
        {
            endpoint.RequestDelegate = context => inner(context);
        }
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddWebhookSignatures().AddSnyk("strong", o => o.Secrets.Add(Secrets.Snyk));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    internal static void CountMvcRun() => Interlocked.Increment(ref s_runs);

    private sealed class Counter
    {
        private int _value;

        public Func<int>? Read { get; set; }

        public int Value => Read?.Invoke() ?? Volatile.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);

        public Task IncrementAsync(HttpContext context)
        {
            Increment();
            return Task.CompletedTask;
        }
    }

    /// <summary>Marks a route table entry that a matcher policy replaces per request, as MVC's dynamic routes do.</summary>
    private sealed class DynamicPlaceholder : IDynamicEndpointMetadata
    {
        public bool IsDynamic => true;
    }

    /// <summary>A plug-in router: replaces the dynamic placeholder with the endpoint it picks, before the other policies.</summary>
    private sealed class SwapInPolicy(Endpoint target) : MatcherPolicy, IEndpointSelectorPolicy
    {
        public override int Order => int.MinValue + 200;

        public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
            endpoints.Any(e => e.Metadata.GetMetadata<DynamicPlaceholder>() is not null);

        public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<DynamicPlaceholder>() is not null)
                {
                    candidates.ReplaceEndpoint(i, target, candidates[i].Values);
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Endpoints that appear while the application runs (a plug-in, a configuration-driven route table).</summary>
    private sealed class LateEndpointSource : EndpointDataSource
    {
        private readonly List<Endpoint> _endpoints = [];
        private CancellationTokenSource _changed = new();

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints;

        public void Add(Endpoint endpoint)
        {
            _endpoints.Add(endpoint);
            var changed = _changed;
            _changed = new CancellationTokenSource();
            changed.Cancel();
            changed.Dispose();
        }

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);
    }
}

/// <summary>Routes <c>/mvc/{name}</c> to <see cref="ConventionalHooksController"/> at request time.</summary>
internal sealed class HooksTransformer : DynamicRouteValueTransformer
{
    public override ValueTask<RouteValueDictionary> TransformAsync(HttpContext httpContext, RouteValueDictionary values) =>
        ValueTask.FromResult(new RouteValueDictionary { ["controller"] = "ConventionalHooks", ["action"] = nameof(ConventionalHooksController.Receive) });
}

/// <summary>A controller without attribute routes, reached only through conventional or dynamic routes.</summary>
[RequireWebhookSignature("strong")]
public sealed class ConventionalHooksController : Controller
{
    [HttpPost]
    public IActionResult Receive()
    {
        UnusualWiringTests.CountMvcRun();
        return Ok();
    }
}
