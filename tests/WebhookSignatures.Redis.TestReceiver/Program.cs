using System.Text.Json;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;

// A receiver of Standard Webhooks deliveries at /hooks/orders whose deliveries are kept by the Redis store, and whose
// handler's effect is one INCR of test:effects:<id> in that Redis; every run first counts in test:runs:<id>.
//   --urls http://127.0.0.1:<port> --redis <configuration> --secret <whsec_…> --prefix <key prefix> [--lease-ms 2000]
// A delivery may carry X-Test-Crash-Point (unsigned, for tests only) to stop the handler where a crash test kills it:
//   before-effect  prints "handling <id>", then waits for the kill
//   after-effect   makes its effect, prints "done <id>", then waits for the kill
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
var redis = builder.Configuration["redis"] ?? throw new InvalidOperationException("--redis is required.");
var secret = builder.Configuration["secret"] ?? throw new InvalidOperationException("--secret is required.");
var prefix = builder.Configuration["prefix"] ?? throw new InvalidOperationException("--prefix is required.");
var lease = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("lease-ms", 2000));

builder.Services.AddWebhookSignatures()
    .AddStandardWebhooks("orders", o =>
    {
        o.Secrets.Add(secret);
        o.ExactlyOnce.LeaseDuration = lease;
    })
    .AddRedisDeliveryStore(o =>
    {
        o.Configuration = redis;
        o.KeyPrefix = prefix;
    });

// The application's own connection for its effects, apart from the store's.
await using var effects = await ConnectionMultiplexer.ConnectAsync(redis);
var app = builder.Build();
app.MapPost("/hooks/orders", async (HttpContext context) =>
{
    var id = JsonDocument.Parse(context.GetWebhookVerification()!.Body).RootElement.GetProperty("id").GetString()!;
    var database = effects.GetDatabase();
    await database.StringIncrementAsync("test:runs:" + id);
    var point = context.Request.Headers["X-Test-Crash-Point"].ToString();
    if (point == "before-effect")
    {
        Console.WriteLine($"handling {id}");
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    await database.StringIncrementAsync("test:effects:" + id);
    if (point == "after-effect")
    {
        Console.WriteLine($"done {id}");
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    return Results.NoContent();
}).RequireWebhookSignature("orders");

app.MapGet("/", () => "ready");
await app.RunAsync();
