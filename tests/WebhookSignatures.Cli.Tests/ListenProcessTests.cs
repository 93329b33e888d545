using System.Diagnostics;

namespace WebhookSignatures.Cli.Tests;

/// <summary><c>listen</c> as a real process: it stops cleanly on SIGTERM, as under a service manager or a container.</summary>
public sealed class ListenProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Listen_stops_on_SIGTERM_and_exits_0()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ToolProcess.ToolPath, "listen", "--urls", "http://127.0.0.1:0", "--scheme", "snyk", "--secret-env", "HOOK_SECRET" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOOK_SECRET"] = "listen-process-secret-0a1b2c";
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(limit.Token);
            first.Should().StartWith("listening on http://127.0.0.1:");

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(limit.Token);
            }

            var rest = await process.StandardOutput.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);

            process.ExitCode.Should().Be(0);
            rest.Should().Contain("stopped.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
