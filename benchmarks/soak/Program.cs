using System.Diagnostics;
using WebhookSignatures.Soak;

// webhooksig soak driver. Usage (run.sh passes these):
//   WebhookSignatures.Soak <urlA> <urlB> <secret> <seconds> <outageAt> <outageSeconds> <stopRedisCommand> <startRedisCommand>
if (args.Length != 8)
{
    Console.Error.WriteLine("usage: WebhookSignatures.Soak <urlA> <urlB> <secret> <seconds> <outageAt> <outageSeconds> <stop-redis> <start-redis>");
    return 2;
}

var plan = new SoakPlan(
    [new Uri(args[0]), new Uri(args[1])],
    args[2],
    TimeSpan.FromSeconds(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)),
    TimeSpan.FromSeconds(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
    TimeSpan.FromSeconds(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)),
    args[6],
    args[7]);

var tally = await SoakRun.RunAsync(plan, Stopwatch.StartNew());
tally.Print(Console.Out);
return tally.FalseAccepts == 0 && tally.FalseRejects == 0 && tally.OutageAnsweredUnavailable && tally.RecoveredAfterOutage ? 0 : 1;
