using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebhookSignatures;
using WebhookSignatures.EntityFrameworkCore.TestReceiver;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.SoakEfCore;
using WebhookSignatures.Testing.Servers;

// The EF Core store's soak: two receiver processes on one PostgreSQL of the soak's own, durable (a commit it
// acknowledged survives its SIGKILL), each delivery's handler writing one effect row under a unique key that counts conflicts, never hides
// them. A sender sends unique Standard Webhooks deliveries alternately to each instance and retries (re-signed, the
// same webhook-id) whatever was not acknowledged, at the other instance, with backoff. Every few seconds one instance
// is killed with SIGKILL and started again; PostgreSQL is killed (SIGKILL) once in the middle and started again.
//   WebhookSignatures.SoakEfCore [seconds=60] [max deliveries=20000]
// Exit code 0 when every delivery acknowledged has exactly one effect row and no conflict was counted.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var maxDeliveries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var secret = StandardWebhooksSignature.GenerateSecret();

await using var postgres = await PostgresServerProcess.StartAsync(durable: true);
await using var database = await postgres.CreateDatabaseAsync();
var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 3 }.ConnectionString;
await using (var context = new OrdersContext(new DbContextOptionsBuilder<OrdersContext>().UseNpgsql(connection).Options))
{
    await context.Database.EnsureCreatedAsync();
    await context.Database.ExecuteSqlRawAsync(Counters.Schema);
}

using var first = new Instance("a", connection, secret);
using var second = new Instance("b", connection, secret);
Instance[] instances = [first, second];
await Task.WhenAll(first.StartAsync(), second.StartAsync());

var scheme = new StandardWebhooksSignature();
using var keys = scheme.CreateKeyRing([secret]);
using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 32 }) { Timeout = TimeSpan.FromSeconds(10) };
var clock = Stopwatch.StartNew();
var duration = TimeSpan.FromSeconds(seconds);
var drain = duration + TimeSpan.FromSeconds(90);
var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
var answers = new ConcurrentDictionary<int, int>();
int sent = 0, attempts = 0, abandoned = 0, kills = 0;

async Task<int> PostAsync(string id, int target)
{
    var body = Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"type\":\"order.paid\"}}");
    var signed = scheme.Sign(body, keys, new WebhookSigningParameters { Timestamp = DateTimeOffset.UtcNow, DeliveryId = id });
    using var content = new ReadOnlyMemoryContent(signed.Body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var request = new HttpRequestMessage(HttpMethod.Post, instances[target % 2].Address) { Content = content };
    foreach (var (name, value) in signed.Headers)
    {
        request.Headers.TryAddWithoutValidation(name, value);
    }

    Interlocked.Increment(ref attempts);
    try
    {
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return 0;
    }
}

// A sender: the first attempt, then retries at alternating instances until a 2xx or the drain ends.
async Task DeliverAsync(string id, int target)
{
    var wait = TimeSpan.FromMilliseconds(200);
    for (var attempt = 0; ; attempt++)
    {
        var status = await PostAsync(id, target + attempt);
        answers.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status is >= 200 and < 300)
        {
            acknowledged.TryAdd(id, status);
            return;
        }

        if (clock.Elapsed + wait > drain)
        {
            Interlocked.Increment(ref abandoned);
            return;
        }

        await Task.Delay(wait);
        wait = wait * 2 < TimeSpan.FromSeconds(3) ? wait * 2 : TimeSpan.FromSeconds(3);
    }
}

// Faults: an instance killed and restarted every few seconds; PostgreSQL killed once, in the middle.
var faults = Task.Run(async () =>
{
    var postgresRestarted = false;
    var turn = 0;
    while (clock.Elapsed < duration)
    {
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(3, seconds / 8)));
        if (clock.Elapsed >= duration)
        {
            break;
        }

        if (!postgresRestarted && clock.Elapsed > duration / 2)
        {
            postgresRestarted = true;
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: PostgreSQL killed (SIGKILL)");
            await postgres.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await postgres.StartAgainAsync();
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: PostgreSQL started again");
            continue;
        }

        var victim = instances[turn++ % 2];
        victim.Kill();
        Interlocked.Increment(ref kills);
        Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: instance {(turn - 1) % 2} killed (SIGKILL)");
        await victim.StartAsync();
    }
});

var sending = new List<Task>();
var senders = Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
{
    var n = 0;
    while (clock.Elapsed < duration && Volatile.Read(ref sent) < maxDeliveries)
    {
        Interlocked.Increment(ref sent);
        var id = string.Create(CultureInfo.InvariantCulture, $"msg_{sender}_{++n}");
        await DeliverAsync(id, sender + n);
    }
})).ToArray();
await Task.WhenAll(senders);
await faults;

// A connection of its own: the pooled ones may have been broken by the restart.
await using var read = new NpgsqlConnection(connection + ";Pooling=false");
await read.OpenAsync();
async Task<long> CountAsync(string sql)
{
    await using var command = new NpgsqlCommand(sql, read);
    return (long)(await command.ExecuteScalarAsync())!;
}

var effects = await CountAsync("SELECT count(*) FROM effects");
var distinct = await CountAsync("SELECT count(DISTINCT delivery_id) FROM effects");
var runs = await CountAsync("SELECT count(*) FROM handler_runs");
var conflicts = await CountAsync("SELECT count(*) FROM conflicts");
var effectIds = new HashSet<string>(StringComparer.Ordinal);
await using (var command = new NpgsqlCommand("SELECT delivery_id FROM effects", read))
await using (var reader = await command.ExecuteReaderAsync())
{
    while (await reader.ReadAsync())
    {
        effectIds.Add(reader.GetString(0));
    }
}

var lost = acknowledged.Keys.Count(id => !effectIds.Contains(id));
Console.WriteLine();
Console.WriteLine($"soak: {seconds} s, two instances on one PostgreSQL, {kills} instance kills (SIGKILL), PostgreSQL killed and restarted once");
Console.WriteLine($"unique deliveries sent: {sent}, acknowledged (2xx): {acknowledged.Count}, abandoned after the drain: {abandoned}, attempts: {attempts}");
Console.WriteLine($"answers: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "none" : a.Key.ToString(CultureInfo.InvariantCulture))}: {a.Value}"))}");
Console.WriteLine($"effect rows: {effects} ({distinct} distinct deliveries), acknowledged without an effect: {lost}, unique-key conflicts counted: {conflicts}");
Console.WriteLine($"handler runs: {runs} (runs beyond one per effect: {runs - effects}: killed mid-handler, refused by the fence, or failed by the outage)");
// Effects beyond the acknowledged ones are deliveries handled whose answer never came back (an instance killed after
// its commit) and whose retries were abandoned at the drain's end: once each all the same.
var passed = effects == distinct && lost == 0 && conflicts == 0;
Console.WriteLine(passed ? "PASS: every acknowledged delivery has exactly one effect, no conflict" : "FAIL");
return passed ? 0 : 1;
