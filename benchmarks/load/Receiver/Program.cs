using System.Buffers;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.LoadReceiver;
using WebhookSignatures.Redis;

// A minimal Kestrel receiver for load tests: one route verified as Snyk (X-Hub-Signature), one not.
// Arguments: --urls http://127.0.0.1:<port> --secret <secret> [--exactly-once false]
//            [--store memory|redis|ping] [--redis host:port] [--capacity <deliveries the memory store holds>]
//            [--complete-in-background true]   answers before the completion has reached the store
//            [--handler-ms <n>]                the handler waits that long after reading the body
//            [--lease-seconds <n>]             the reservations' lease (ExactlyOnce:LeaseDuration)
//            [--ttl-seconds <n>]               how long a handled delivery is remembered (ExactlyOnce:TimeToLive)
//            [--clock-speed <n>]               the application's clock and timers run n times faster than the wall
//                                              clock: with --lease-seconds 1 and --clock-speed 10 a lease is renewed
//                                              every 33 ms, while a 50 ms handler runs
//            [--count-leases true]             counts lease renewals and leases lost; GET /leases prints them
//            [--time-store true]               times every store operation; GET /store-timings prints the latencies
//            [--postgres <npgsql>]             the handler inserts one row per delivery into PostgreSQL through EF Core
//            [--store efcore] [--relaxed true] the EF Core store in that database (relaxed: the reservation commits
//                                              with synchronous_commit off)
//            [--extra-commit true]             with --postgres and exactly-once off: before the handler's insert, one more
//                                              row committed on a connection of its own, as a reservation is (the least
//                                              any reservation committed apart from the handler's transaction costs)
//            [--replicas <n>]                  with --store redis: replicated completion, each reservation and
//                                              completion waiting for n replicas (WAIT) over the store's own pool
// With exactly-once handling on (the default), each delivery is reserved before the handler and completed after it, in
// memory or in Redis (one connection, which StackExchange.Redis multiplexes every request's commands over); ping is
// the memory store plus a Redis PING before each of the two, the cost of the round trips alone.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var secret = builder.Configuration["secret"];
var store = builder.Configuration["store"] ?? "memory";
var redis = builder.Configuration["redis"];
var postgres = builder.Configuration["postgres"];
if (string.IsNullOrEmpty(secret) || store is not ("memory" or "redis" or "ping" or "efcore") || (store is "redis" or "ping") == string.IsNullOrEmpty(redis)
    || (store == "efcore" && string.IsNullOrEmpty(postgres)))
{
    Console.Error.WriteLine("usage: --urls http://127.0.0.1:<port> --secret <secret> [--exactly-once false] [--store memory|redis|ping|efcore] [--redis host:port] [--postgres <npgsql>] [--relaxed true] [--capacity <n>] [--complete-in-background true] [--time-store true] [--replicas <n>]");
    return 2;
}

var exactlyOnce = builder.Configuration.GetValue("exactly-once", true);
var handlerTime = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("handler-ms", 0));
var leaseSeconds = builder.Configuration.GetValue<double?>("lease-seconds", null);
var ttlSeconds = builder.Configuration.GetValue<double?>("ttl-seconds", null);
var clockSpeed = builder.Configuration.GetValue("clock-speed", 1.0);
if (clockSpeed is not (>= 1 and <= 1000))
{
    Console.Error.WriteLine("--clock-speed must be between 1 and 1000");
    return 2;
}

if (clockSpeed != 1)
{
    builder.Services.AddSingleton<TimeProvider>(new FastClock(clockSpeed));
}

var signatures = builder.Services.AddWebhookSignatures().AddSnyk("snyk", options =>
{
    options.Secrets.Add(secret);
    options.ExactlyOnce.Enabled = exactlyOnce;
    if (leaseSeconds is { } seconds)
    {
        options.ExactlyOnce.LeaseDuration = TimeSpan.FromSeconds(seconds);
    }

    if (ttlSeconds is { } ttl)
    {
        options.ExactlyOnce.TimeToLive = TimeSpan.FromSeconds(ttl);
    }
});
if (!string.IsNullOrEmpty(postgres))
{
    builder.Services.AddDbContextPool<LoadContext>(o => o.UseNpgsql(postgres));
}

if (store == "redis")
{
    // --replicas n: replicated completion, each reservation and completion waiting for n replicas (WAIT).
    var replicas = builder.Configuration.GetValue("replicas", 0);
    signatures.AddRedisDeliveryStore(o =>
    {
        o.Configuration = redis;
        o.ReplicatedCompletionReplicas = replicas;
        o.AcceptedDurability = RedisDeliveryStoreDurability.MayForgetOnRestart;
    });
}
else if (store == "efcore")
{
    signatures.AddEntityFrameworkDeliveryStore<LoadContext>(o => o.ReserveWithoutWaitingForDisk = builder.Configuration.GetValue("relaxed", false));
}
else
{
    // A load test sends far more unique deliveries than the default 100 000 a registration may hold.
    builder.Services.Configure<WebhookMemoryDeliveryStoreOptions>(o => o.CapacityPerRegistration = builder.Configuration.GetValue("capacity", 10_000_000));
}

if (store == "ping")
{
    var connection = await ConnectionMultiplexer.ConnectAsync(redis!).ConfigureAwait(false);
    builder.Services.AddSingleton<IConnectionMultiplexer>(connection);
    DeliveryStoreWrapping.Wrap(builder.Services, (sp, memory) => new PingingDeliveryStore(memory, sp.GetRequiredService<IConnectionMultiplexer>()));
}

if (builder.Configuration.GetValue("complete-in-background", false))
{
    DeliveryStoreWrapping.Wrap(builder.Services, (_, inner) => new BackgroundCompletionStore(inner));
}

var timeStore = builder.Configuration.GetValue("time-store", false);
if (timeStore)
{
    DeliveryStoreWrapping.Wrap(builder.Services, (_, inner) => new TimedDeliveryStore(inner));
}

var app = builder.Build();
app.UseWebhookSignatures();
if (string.IsNullOrEmpty(postgres))
{
    app.MapPost("/webhooks/snyk", handlerTime > TimeSpan.Zero ? SlowHandlerAsync : ReadBodyAsync).RequireWebhookSignature("snyk");
}
else
{
    await using (var scope = app.Services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<LoadContext>().Database.EnsureCreatedAsync().ConfigureAwait(false);
    }

    var extraCommit = builder.Configuration.GetValue("extra-commit", false);

    // One row per delivery, saved through the request's context: the handler whose work the EF Core store completes.
    app.MapPost("/webhooks/snyk", async (HttpContext context, LoadContext db) =>
    {
        if (extraCommit)
        {
            await LoadMark.CommitAsync(app.Services, context.RequestAborted).ConfigureAwait(false);
        }

        var body = context.GetWebhookVerification()!.Body;
        db.Rows.Add(new LoadRow { Length = body.Length, Received = DateTime.UtcNow });
        await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }).RequireWebhookSignature("snyk");
}

app.MapPost("/unverified", ReadBodyAsync);
using var leases = builder.Configuration.GetValue("count-leases", false) ? new LeaseCounts() : null;
if (leases is not null)
{
    app.MapGet("/leases", () => leases.ToString());
}

if (timeStore)
{
    app.MapGet("/store-timings", (TimedDeliveryStore timed) => $"{timed.Reserve}\n{timed.Complete}\n{timed.Release}\n");
}

app.Run();
return 0;

// A handler that takes a while, as one that calls another service does: its reservation is held, and renewed, meanwhile.
async Task SlowHandlerAsync(HttpContext context)
{
    await ReadBodyAsync(context).ConfigureAwait(false);
    await Task.Delay(handlerTime, context.RequestAborted).ConfigureAwait(false);
}

// Both routes read the whole body, so the only difference between them is the verification. They answer 204, so a
// duplicate, which the verifier acknowledges with 200 without running the handler, tells itself apart.
static async Task ReadBodyAsync(HttpContext context)
{
    context.Response.StatusCode = StatusCodes.Status204NoContent;
    var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    try
    {
        while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false) > 0)
        {
        }
    }
    finally
    {
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
