using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>No server outlives its test host, however the host ends.</summary>
public sealed class HostDeathTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_test_host_killed_with_SIGKILL_leaves_no_server_running_and_no_folder_behind()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("hold");
        using var host = Process.Start(start)!;
        var errors = host.StandardError.ReadToEndAsync();
        var servers = new Dictionary<string, (int Pid, string Folder)>();
        try
        {
            while (await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) is { } line && line != "ready")
            {
                var parts = line.Split(' ', 3);
                servers[parts[0]] = (int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
            }
        }
        catch
        {
            host.Kill();
            throw;
        }

        servers.Keys.Should().BeEquivalentTo(["redis", "postgres"], await ErrorsIfExitedAsync(host, errors));
        servers.Values.Should().OnlyContain(s => Processes.IsRunning(s.Pid) && Directory.Exists(s.Folder));

        host.Kill();
        await host.WaitForExitAsync();

        var gone = await Eventually.HoldsAsync(() => servers.Values.All(s => !Processes.IsRunning(s.Pid) && !Directory.Exists(s.Folder)), Generous);
        gone.Should().BeTrue("the watchdogs saw the dead host's pipe close, stopped the servers and removed their folders");
    }

    [LinuxFact]
    public async Task A_server_whose_watchdog_is_killed_goes_with_it()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var pid = redis.ProcessId!.Value;

        Process.GetProcessById(redis.WatchdogProcessId!.Value).Kill();

        (await Eventually.HoldsAsync(() => !Processes.IsRunning(pid), Generous)).Should().BeTrue("setpriv gave the server SIGKILL as its parent's death signal");
    }

    private static async Task<string> ErrorsIfExitedAsync(Process host, Task<string> errors) =>
        host.HasExited ? await errors : "";
}
