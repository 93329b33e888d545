using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// Every way of registering the package works on a host as <c>dotnet new web</c> makes it (<c>CreateBuilder</c>,
/// <c>CreateSlimBuilder</c>, <c>CreateEmptyBuilder</c>), with nothing else registered: no <see cref="TimeProvider"/>, no
/// logging or metrics set up by hand. Each is served by real Kestrel on 127.0.0.1 and receives a signed delivery and its
/// repeat; a registration that needs a service the host lacks answers 500 instead.
/// </summary>
public sealed class DefaultHostTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var host in (string[])["CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder"])
        {
            foreach (var registration in (string[])["docs: AddMemoryDeliveryStore", "default store", "AddDeliveryStore(factory)", "AddScheme", "configuration twice"])
            {
                data.Add(host, registration);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_signed_delivery_is_handled_once_on_a_default_host(string host, string registration)
    {
        var builder = host switch
        {
            "CreateBuilder" => WebApplication.CreateBuilder([]),
            "CreateSlimBuilder" => WebApplication.CreateSlimBuilder([]),
            _ => WebApplication.CreateEmptyBuilder(new WebApplicationOptions()),
        };
        if (host == "CreateEmptyBuilder")
        {
            builder.WebHost.UseKestrelCore();
            builder.Services.AddRoutingCore();
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Webhooks:GitHub:Secrets:0"] = Secrets.GitHub });

        // As docs/exactly-once.md and docs/aspnetcore.md write it.
        switch (registration)
        {
            case "docs: AddMemoryDeliveryStore":
                builder.Services.AddWebhookSignatures()
                    .AddGitHub("github", builder.Configuration.GetSection("Webhooks:GitHub"))
                    .AddMemoryDeliveryStore(o => o.CapacityPerRegistration = 250_000);
                break;
            case "default store":
                builder.Services.AddWebhookSignatures().AddGitHub("github", builder.Configuration.GetSection("Webhooks:GitHub"));
                break;
            case "AddDeliveryStore(factory)":
                builder.Services.AddWebhookSignatures()
                    .AddGitHub("github", o => o.Secrets.Add(Secrets.GitHub))
                    .AddMemoryDeliveryStore(o => o.CapacityPerRegistration = 10)
                    .AddDeliveryStore(sp => new CountingStore());
                break;
            case "AddScheme":
                builder.Services.AddWebhookSignatures()
                    .AddScheme(new WebhookSchemeDescriptor(o => new Schemes.Hub.GitHubSignature(o), "GitHub", "GitHub signatures, added as a scheme of the application's own."))
                    .Add("github", "github", o => o.Secrets.Add(Secrets.GitHub));
                break;
            default:
                builder.Services.AddWebhookSignatures().AddGitHub("github", builder.Configuration.GetSection("Webhooks:GitHub"));
                builder.Services.AddWebhookSignatures().AddMemoryDeliveryStore(o => o.CapacityPerRegistration = 1000);
                break;
        }

        await using var app = builder.Build();
        var runs = 0;
        app.MapPost("/hooks/github", () =>
        {
            Interlocked.Increment(ref runs);
            return Results.NoContent();
        }).RequireWebhookSignature("github");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var first = await client.SendAsync(Deliveries.GitHub($$"""{"host":"{{host}}","registration":"{{registration}}"}"""));
        using var repeat = await client.SendAsync(Deliveries.GitHub($$"""{"host":"{{host}}","registration":"{{registration}}"}"""));
        await app.StopAsync();

        first.StatusCode.Should().Be(HttpStatusCode.NoContent, await first.Content.ReadAsStringAsync());
        repeat.StatusCode.Should().Be(HttpStatusCode.OK, "a repeat is acknowledged without running the handler");
        runs.Should().Be(1);
    }

    /// <summary>A store of the application's own, built by its factory, that needs nothing from the host.</summary>
    private sealed class CountingStore : IWebhookDeliveryStore
    {
        private readonly Dictionary<WebhookDeliveryKey, string> _entries = [];

        public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
        {
            lock (_entries)
            {
                if (_entries.TryGetValue(key, out var held))
                {
                    return ValueTask.FromResult(held == "done" ? WebhookReservationOutcome.Completed : WebhookReservationOutcome.InFlight);
                }

                _entries[key] = token;
                return ValueTask.FromResult(WebhookReservationOutcome.Reserved);
            }
        }

        public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
        {
            lock (_entries)
            {
                return ValueTask.FromResult(_entries.TryGetValue(key, out var current) && current == token);
            }
        }

        public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken)
        {
            lock (_entries)
            {
                var held = _entries.TryGetValue(key, out var current) && current == token;
                if (held)
                {
                    _entries[key] = "done";
                }

                return ValueTask.FromResult(held);
            }
        }

        public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken)
        {
            lock (_entries)
            {
                var held = _entries.TryGetValue(key, out var current) && current == token;
                if (held)
                {
                    _entries.Remove(key);
                }

                return ValueTask.FromResult(held);
            }
        }
    }
}
