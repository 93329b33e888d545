using System.Diagnostics;
using System.Globalization;
using WebhookSignatures.Soak;

// The soak driver: starts the counting application, sends like a sender through the two receivers, and prints what
// the sender saw beside what the application counted. run.sh passes:
//   WebhookSignatures.Soak --targets <urlA>,<urlB> --app-port <port> --scheme standard-webhooks|github --seconds <n>
//     --outage-at <s> --outage-seconds <s> --stop-redis <command> --start-redis <command>
// and the receivers' secret in SOAK_SECRET. Exit code 0 when every delivery was handled exactly once.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

string[] required = ["--targets", "--app-port", "--scheme", "--seconds", "--outage-at", "--outage-seconds", "--stop-redis", "--start-redis"];
var secret = Environment.GetEnvironmentVariable("SOAK_SECRET");
if (args.Length % 2 != 0 || required.Any(name => !options.ContainsKey(name)) || string.IsNullOrEmpty(secret))
{
    Console.Error.WriteLine("usage: SOAK_SECRET=<secret> WebhookSignatures.Soak " + string.Join(' ', required.Select(name => name + " <value>")));
    return 2;
}

TimeSpan Seconds(string name) => TimeSpan.FromSeconds(int.Parse(options[name], CultureInfo.InvariantCulture));
var plan = new SoakPlan(
    [.. options["--targets"].Split(',').Select(url => new Uri(url))],
    int.Parse(options["--app-port"], CultureInfo.InvariantCulture),
    options["--scheme"],
    secret,
    Seconds("--seconds"),
    Seconds("--outage-at"),
    Seconds("--outage-seconds"),
    options["--stop-redis"],
    options["--start-redis"])
{
    Failover = options.GetValueOrDefault("--failover") == "true",
};

var clock = new Stopwatch();
await using var application = await CountingApplication.StartAsync(plan.ApplicationPort, plan.FailFirstRuns, clock);
clock.Start();
var outcome = await SoakRun.RunAsync(plan, clock);
var report = SoakReport.Of(plan, outcome, application);
outcome.Tally.PrintPhases(Console.Out);
Console.WriteLine();
report.Print(Console.Out);
return report.Passed ? 0 : 1;
