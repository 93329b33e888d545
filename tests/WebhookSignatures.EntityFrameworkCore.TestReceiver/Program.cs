using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.EntityFrameworkCore.TestReceiver;

// A receiver of Standard Webhooks deliveries whose handler writes one effect row through OrdersContext, its deliveries
// kept by the EF Core store in the same PostgreSQL database.
//   --urls http://127.0.0.1:<port> --connection <npgsql> --secret <whsec_…> --instance <name> [--lease-ms 2000] [--create-schema true]
// A delivery may carry X-Test-Crash-Point (unsigned, for tests only) to stop the handler where a crash test kills it:
//   after-save   prints "saved <id>" once the effect committed, then waits for the kill
//   before-save  prints "handling <id>", then waits for the kill
//   hold         prints "holding <id>", waits for the line "save <id>" on standard input, then saves and prints
//                "save-ok <id>" or "save-failed <id> <exception>"
// Every handler run and every unique-key conflict is counted (handler_runs, conflicts) on a connection of its own.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
var connection = builder.Configuration["connection"] ?? throw new InvalidOperationException("--connection is required.");
var secret = builder.Configuration["secret"] ?? throw new InvalidOperationException("--secret is required.");
var instance = builder.Configuration["instance"] ?? "receiver";
var lease = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("lease-ms", 2000));

builder.Services.AddDbContext<OrdersContext>(o => o.UseNpgsql(connection));
builder.Services.AddWebhookSignatures()
    .AddStandardWebhooks("orders", o =>
    {
        o.Secrets.Add(secret);
        o.ExactlyOnce.LeaseDuration = lease;
    })
    .AddEntityFrameworkDeliveryStore<OrdersContext>(o => o.ReserveWithoutWaitingForDisk = builder.Configuration.GetValue("relaxed", false));

var app = builder.Build();
if (builder.Configuration.GetValue("create-schema", false))
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<OrdersContext>();
    await db.Database.EnsureCreatedAsync();
    await db.Database.ExecuteSqlRawAsync(Counters.Schema);
}

var console = new ConsoleLines();
app.MapPost("/hooks/orders", async (HttpContext context, OrdersContext db) =>
{
    var id = JsonDocument.Parse(context.GetWebhookVerification()!.Body).RootElement.GetProperty("id").GetString()!;
    await Counters.RunAsync(connection, id, instance);
    var point = context.Request.Headers["X-Test-Crash-Point"].ToString();
    if (point == "before-save")
    {
        Console.WriteLine($"handling {id}");
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    if (point == "hold")
    {
        Console.WriteLine($"holding {id}");
        await console.WaitForAsync($"save {id}");
    }

    db.Effects.Add(new Effect { DeliveryId = id, Instance = instance });
    try
    {
        await db.SaveChangesAsync();
    }
    catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
    {
        await Counters.ConflictAsync(connection, id, instance);
        throw;
    }
    catch (Exception e) when (point == "hold")
    {
        Console.WriteLine($"save-failed {id} {e.GetType().Name}");
        return Results.StatusCode(500);
    }

    if (point == "hold")
    {
        Console.WriteLine($"save-ok {id}");
    }

    if (point == "after-save")
    {
        Console.WriteLine($"saved {id}");
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    return Results.NoContent();
}).RequireWebhookSignature("orders");

app.MapGet("/", () => "ready");
await app.RunAsync();

/// <summary>Standard input, read line by line in the background, so handlers can wait for the line meant for them.</summary>
internal sealed class ConsoleLines
{
    private readonly List<(string Line, TaskCompletionSource Seen)> _waiting = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public ConsoleLines() => _ = Task.Run(ReadAsync);

    public Task WaitForAsync(string line)
    {
        lock (_waiting)
        {
            if (_seen.Contains(line))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((line, seen));
            return seen.Task;
        }
    }

    private async Task ReadAsync()
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            lock (_waiting)
            {
                _seen.Add(line);
                foreach (var waiting in _waiting.Where(w => w.Line == line).ToList())
                {
                    waiting.Seen.TrySetResult();
                    _waiting.Remove(waiting);
                }
            }
        }
    }
}
