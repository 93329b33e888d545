using System.Diagnostics;
using System.Globalization;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.SoakEfCore;

/// <summary>One receiver process (the EF Core test receiver) on a loopback port; killed with SIGKILL and started again on the same port.</summary>
public sealed class Instance(string name, string connectionString, string secret) : IDisposable
{
    private readonly int _port = FreePort.Next();
    private Process? _process;

    public Uri Address => new($"http://127.0.0.1:{_port}/hooks/orders");

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[
            Path.Combine(AppContext.BaseDirectory, "WebhookSignatures.EntityFrameworkCore.TestReceiver.dll"),
            "--urls", $"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}", "--connection", connectionString,
            "--secret", secret, "--instance", name, "--lease-ms", "3000"])
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await client.GetAsync(new Uri($"http://127.0.0.1:{_port}/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"{name} did not start.");
    }

    /// <summary>SIGKILL: whatever the instance was doing stops where it was.</summary>
    public void Kill()
    {
        _process?.Kill();
        _process?.WaitForExit();
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            Kill();
        }

        _process?.Dispose();
    }
}
