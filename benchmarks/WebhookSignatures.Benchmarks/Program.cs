using BenchmarkDotNet.Running;
using WebhookSignatures.Benchmarks;

// `profile <method> [seconds]` runs one middleware benchmark in a loop, for a sampling profiler to watch;
// anything else goes to BenchmarkDotNet.
if (args is ["profile", var method, ..])
{
    return await MiddlewareProfile.RunAsync(method, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
