using System.Diagnostics;
using System.Globalization;
using WebhookSignatures.Soak;

// The soak driver: starts the counting application, sends like a sender through the two receivers, and prints what
// the sender saw beside what the application counted. run.sh passes:
//   WebhookSignatures.Soak --targets <urlA>,<urlB> --app-port <port> --scheme standard-webhooks|github --seconds <n>
//     --outage-at <s> --outage-seconds <s> --stop-redis <command> --start-redis <command>
//     [--lease-seconds <n>] [--kill-receiver <command> --restart-receiver <command>]
// and the receivers' secret in SOAK_SECRET. With --kill-receiver, the fault at --outage-at is receiver A killed with
// SIGKILL, and started again after --outage-seconds, instead of Redis. Exit code 0 when every delivery was handled
// exactly once (with a kill: or twice only in the window between the application's answer and the completion).
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
    Lease = options.ContainsKey("--lease-seconds") ? Seconds("--lease-seconds") : SoakPlan.DefaultLease,
    KillReceiver = options.GetValueOrDefault("--kill-receiver"),
    HandlerWork = TimeSpan.FromMilliseconds(options.ContainsKey("--kill-receiver") ? 100 : 6),
    RestartReceiver = options.GetValueOrDefault("--restart-receiver"),
    Failover = options.GetValueOrDefault("--failover") == "true",
};
if ((plan.KillReceiver is null) != (plan.RestartReceiver is null))
{
    Console.Error.WriteLine("--kill-receiver and --restart-receiver go together.");
    return 2;
}

var clock = new Stopwatch();
await using var application = await CountingApplication.StartAsync(plan.ApplicationPort, plan.FailFirstRuns, plan.HandlerWork, clock);
clock.Start();
var outcome = await SoakRun.RunAsync(plan, clock);
var report = SoakReport.Of(plan, outcome, application);
outcome.Tally.PrintPhases(Console.Out);
Console.WriteLine();
report.Print(Console.Out);
return report.Passed ? 0 : 1;
