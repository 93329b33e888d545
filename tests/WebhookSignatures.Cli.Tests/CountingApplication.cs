using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Cli.Tests;

/// <summary>The application behind <c>listen --forward-to</c>: it records what it received and answers as told.</summary>
internal sealed class CountingApplication : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CountingApplication(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every request, in arrival order: its headers and exact body.</summary>
    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Received { get; } = new();

    /// <summary>What the application does with each request once it is recorded and before it is answered; nothing by default.</summary>
    public Func<HttpContext, Task>? Handler { get; set; }

    /// <summary>The status the next requests get; 202 by default.</summary>
    public int Status { get; set; } = 202;

    public static async Task<CountingApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CountingApplication? self = null;
        app.MapPost("/app/hooks", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            self!.Received.Enqueue((context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            if (self.Handler is { } handler)
            {
                await handler(context);
            }

            context.Response.StatusCode = self.Status;
            await context.Response.WriteAsync("handled");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        self = new CountingApplication(app, new Uri(new Uri(address), "/app/hooks"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
