using System.Diagnostics;
using System.Globalization;
using WebhookSignatures.LoadDriver;

// The load driver for unique deliveries (benchmarks/load/run.sh stores). The secret comes from LOAD_SECRET.
//   check <url> [--no-exactly-once]
//                   a new signed delivery must be handled (2xx), the same again acknowledged as a duplicate (200)
//                   and a forged one refused (401); without exactly-once handling the same again is handled again
//   run --target <name>=<url> ... [--watch <name>=<process>:<pid> ...] [--connections 4] [--seconds 15]
//       [--warmup 5] [--rounds 2] [--deliveries 3000000] [--started-file <path>]
//       [--connections-of <name>=<n> ...] [--compare <name>=<baseline> ...]
//                   signs the deliveries first, opens the connections to every target, warms each up, then measures
//                   the targets in turn, round after round (the order reverses every round: A B, B A, …), every
//                   request a delivery never sent before; prints each round and a table per target: medians over the
//                   rounds with their spread, and every target's ratios to the first one (and to each --compare
//                   baseline), taken round by round. --connections-of gives one target its own number of
//                   connections (a slow handler needs more to keep the receiver busy). The started file, when given,
//                   is created once the deliveries are signed and the load begins (a profiler waits for it).
var secret = Environment.GetEnvironmentVariable("LOAD_SECRET");
if (string.IsNullOrEmpty(secret) || args.Length < 2 || args[0] is not ("check" or "run"))
{
    Console.Error.WriteLine("usage: LOAD_SECRET=<secret> WebhookSignatures.LoadDriver check <url> | run --target <name>=<url> ... [--watch <name>=<process>:<pid>] [--connections n] [--seconds n] [--warmup n] [--rounds n] [--deliveries n]");
    return 2;
}

return args[0] == "check" ? await CheckAsync(new Uri(args[1]), secret, args is [_, _, "--no-exactly-once"]) : await RunAsync(args[1..], secret);

static async Task<int> CheckAsync(Uri url, string secret, bool withoutExactlyOnce)
{
    // Numbers far above any run's, and new each time, so the check never meets a delivery the store already holds.
    var deliveries = SignedDeliveries.Create(secret, 2, 9_000_000_000 + (Random.Shared.NextInt64(0, 400_000_000) * 2));
    using var connection = new LoadConnection(url, deliveries);
    var first = await connection.PostAsync(0);
    var again = await connection.PostAsync(0);
    var forged = await connection.PostForgedAsync(1);
    Console.WriteLine($"check {url}: signed delivery -> {first}, the same again -> {again}{(again == 200 ? " (duplicate, handler not run)" : string.Empty)}, forged signature -> {forged}");
    return first is >= 200 and < 300 && first != 200 && again == (withoutExactlyOnce ? first : 200) && forged == 401 ? 0 : 1;
}

static async Task<int> RunAsync(string[] args, string secret)
{
    var targets = new List<(string Name, Uri Url)>();
    string? startedFile = null;
    var watched = new List<(string Target, string Name, int Pid)>();
    var connectionsOf = new Dictionary<string, int>(StringComparer.Ordinal);
    var comparisons = new List<(string Name, string Baseline)>();
    var settings = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["--connections"] = 4, ["--seconds"] = 15, ["--warmup"] = 5, ["--rounds"] = 2, ["--deliveries"] = 3_000_000,
    };
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        var (name, value) = (args[i], args[i + 1]);
        if (name == "--target" && value.Split('=', 2) is [var target, var url])
        {
            targets.Add((target, new Uri(url)));
        }
        else if (name == "--watch" && value.Split('=', 2) is [var owner, var process] && process.Split(':') is [var processName, var pid])
        {
            watched.Add((owner, processName, int.Parse(pid, CultureInfo.InvariantCulture)));
        }
        else if (name == "--connections-of" && value.Split('=', 2) is [var of, var count])
        {
            connectionsOf[of] = int.Parse(count, CultureInfo.InvariantCulture);
        }
        else if (name == "--compare" && value.Split('=', 2) is [var compared, var baseline])
        {
            comparisons.Add((compared, baseline));
        }
        else if (name == "--started-file")
        {
            startedFile = value;
        }
        else if (settings.ContainsKey(name))
        {
            settings[name] = int.Parse(value, CultureInfo.InvariantCulture);
        }
        else
        {
            Console.Error.WriteLine($"unknown or malformed option {name} {value}");
            return 2;
        }
    }

    if (targets.Count == 0)
    {
        Console.Error.WriteLine("run needs at least one --target <name>=<url>");
        return 2;
    }

    var signing = Stopwatch.StartNew();
    // Numbered from a new place every run, so a receiver (or a Redis) kept from an earlier run meets no old delivery.
    var deliveries = SignedDeliveries.Create(secret, settings["--deliveries"], Random.Shared.NextInt64(0, 8_000_000_000 - settings["--deliveries"]));
    Console.WriteLine($"signed {deliveries.Count:N0} unique 4096-byte deliveries in {signing.Elapsed.TotalSeconds:0.0} s (HMAC-SHA256, before anything is timed)");

    var loadTargets = new List<LoadTarget>();
    foreach (var (name, url) in targets)
    {
        var connections = Enumerable.Range(0, connectionsOf.GetValueOrDefault(name, settings["--connections"])).Select(_ => new LoadConnection(url, deliveries)).ToArray();
        foreach (var connection in connections)
        {
            await connection.OpenAsync();
        }

        loadTargets.Add(new LoadTarget(name, url, connections, [.. watched.Where(w => w.Target == name).Select(w => (w.Name, w.Pid))]));
    }

    try
    {
        var seconds = TimeSpan.FromSeconds(settings["--seconds"]);
        var own = string.Concat(connectionsOf.Select(c => $" ({c.Key}: {c.Value})"));
        Console.WriteLine($"{settings["--connections"]} keep-alive connections per target{own}, {settings["--warmup"]} s warm-up each, then {settings["--rounds"]} rounds of {seconds.TotalSeconds:0} s per target, order reversed every round");
        if (startedFile is not null)
        {
            await File.WriteAllTextAsync(startedFile, string.Empty);
        }

        var warmUps = new List<LoadRound>();
        foreach (var target in loadTargets.Where(_ => settings["--warmup"] > 0))
        {
            var warm = await LoadRound.RunAsync(target, deliveries, TimeSpan.FromSeconds(settings["--warmup"]));
            warmUps.Add(warm);
            Console.WriteLine($"warm-up {target.Name}: {warm.RequestsPerSecond:0} requests/s");
        }

        var rounds = new List<LoadRound>();
        Console.WriteLine();
        Console.WriteLine($"{"round",-6}{"store",-9}{"seconds",8}{"requests",10}{"requests/s",12}{"p50",10}{"p99",10}{"non-2xx",9}   CPU us per request");
        for (var round = 0; round < settings["--rounds"]; round++)
        {
            var order = round % 2 == 0 ? loadTargets : Enumerable.Reverse(loadTargets);
            foreach (var target in order)
            {
                // The driver's own garbage is collected between rounds, not during one.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var result = await LoadRound.RunAsync(target, deliveries, seconds);
                rounds.Add(result);
                Array.Sort(result.Latencies);
                var cpu = string.Join(", ", result.Cpu.Select(c => $"{c.Name} {c.Used.TotalMicroseconds / Math.Max(1, result.Requests):0.0}"));
                Console.WriteLine($"{round + 1,-6}{target.Name,-9}{result.Elapsed.TotalSeconds,8:0.00}{result.Requests,10}{result.RequestsPerSecond,12:0}{LoadSummary.Latency(result.Latencies, 0.50),10}{LoadSummary.Latency(result.Latencies, 0.99),10}{result.NonSuccess,9}   {cpu}");
                if (result.RanOut)
                {
                    Console.Error.WriteLine($"the {deliveries.Count} pre-signed deliveries ran out; raise --deliveries");
                    return 3;
                }
            }
        }

        Console.WriteLine();
        LoadSummary.Print(loadTargets.Select(t => t.Name).ToArray(), rounds, comparisons);
        foreach (var target in loadTargets)
        {
            var mine = rounds.Where(r => r.Target == target.Name).ToArray();
            foreach (var (status, count) in mine.SelectMany(r => r.Statuses).Where(s => s.Key is < 200 or >= 300).GroupBy(s => s.Key).Select(g => (g.Key, g.Sum(s => s.Value))))
            {
                Console.WriteLine($"  {target.Name}: {count} answers {status}");
            }
        }

        // The receiver answers 204 when its handler ran; a 200 is the verifier acknowledging a duplicate, which a run of
        // unique deliveries never sends.
        var duplicates = rounds.Sum(r => r.Statuses.GetValueOrDefault(200));
        Console.WriteLine($"deliveries sent: {deliveries.Taken:N0}, handled (204): {rounds.Sum(r => r.Statuses.GetValueOrDefault(204)):N0} of the timed ones, acknowledged as duplicates (200): {duplicates}, reconnects: {loadTargets.Sum(t => t.Connections.Sum(c => c.Reconnects))}");
        Console.WriteLine("handled (204) per store, warm-up included: " + string.Join(", ", loadTargets.Select(t => $"{t.Name}={rounds.Concat(warmUps).Where(r => r.Target == t.Name).Sum(r => r.Statuses.GetValueOrDefault(204))}")));
        return duplicates == 0 ? 0 : 4;
    }
    finally
    {
        foreach (var connection in loadTargets.SelectMany(t => t.Connections))
        {
            connection.Dispose();
        }
    }
}
