using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.TestReceiver;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>How the test's application registers its context.</summary>
public enum ContextRegistration
{
    AddDbContext,
    AddDbContextPool,
    AddDbContextFactory,
}

/// <summary>
/// One instance of a receiving application in the test's process, on real Kestrel at 127.0.0.1: Standard Webhooks at
/// <c>/hooks/orders</c>, deliveries kept by the EF Core store in the test's database. The handler is what the test
/// gives; by default it writes one effect row through the request's context and answers 204.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Receiver(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>What the log said at warning level and above.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>The handler: given the request and a context of the application's (the request's, or one from the factory).</summary>
    public Func<HttpContext, OrdersContext, Task<IResult>> Handler { get; set; } = WriteEffectAsync;

    public static async Task<Receiver> StartAsync(
        StoreDatabase database,
        ContextRegistration registration = ContextRegistration.AddDbContext,
        TimeSpan? lease = null,
        Action<DbContextOptionsBuilder>? context = null,
        Action<EntityFrameworkDeliveryStoreOptions>? store = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var log = new CapturedLog();
        builder.Logging.AddProvider(log);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

        // The store's registration first: its interceptor joins the context's options whichever comes first.
        builder.Services.AddWebhookSignatures()
            .AddStandardWebhooks("orders", o =>
            {
                o.Secrets.Add(Deliveries.Secret);
                o.ExactlyOnce.LeaseDuration = lease ?? TimeSpan.FromSeconds(30);
            })
            .AddEntityFrameworkDeliveryStore<OrdersContext>(store);
        void Configure(DbContextOptionsBuilder options)
        {
            database.Configure(options);
            context?.Invoke(options);
        }

        switch (registration)
        {
            case ContextRegistration.AddDbContext:
                builder.Services.AddDbContext<OrdersContext>(Configure);
                break;
            case ContextRegistration.AddDbContextPool:
                builder.Services.AddDbContextPool<OrdersContext>(Configure);
                break;
            default:
                builder.Services.AddPooledDbContextFactory<OrdersContext>(Configure);
                break;
        }

        var app = builder.Build();
        Receiver? self = null;
        app.MapPost("/hooks/orders", async (HttpContext http) =>
        {
            if (registration == ContextRegistration.AddDbContextFactory)
            {
                await using var owned = await http.RequestServices.GetRequiredService<IDbContextFactory<OrdersContext>>().CreateDbContextAsync();
                return await self!.Handler(http, owned);
            }

            return await self!.Handler(http, http.RequestServices.GetRequiredService<OrdersContext>());
        }).RequireWebhookSignature("orders");

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        self = new Receiver(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
        log.CopyTo(self.Log);
        return self;
    }

    /// <summary>The delivery's id, from its verified body.</summary>
    public static string IdOf(HttpContext context) =>
        System.Text.Json.JsonDocument.Parse(context.GetWebhookVerification()!.Body).RootElement.GetProperty("id").GetString()!;

    /// <summary>Writes the delivery's effect row through <paramref name="db"/> and answers 204.</summary>
    public static async Task<IResult> WriteEffectAsync(HttpContext context, OrdersContext db)
    {
        db.Effects.Add(new Effect { DeliveryId = IdOf(context), Instance = "test" });
        await db.SaveChangesAsync();
        return Results.NoContent();
    }

    public async Task<HttpStatusCode> SendAsync(string id, string? crashPoint = null)
    {
        using var request = Deliveries.Signed(id, crashPoint);
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
