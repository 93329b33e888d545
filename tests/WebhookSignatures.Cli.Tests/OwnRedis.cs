using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebhookSignatures.Cli.Tests;

/// <summary>
/// A redis-server of the test's own, started from the installed binary on a free loopback port in a temporary folder,
/// that requires a password; stopped and removed when disposed.
/// </summary>
internal sealed class OwnRedis : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _folder;

    private OwnRedis(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<OwnRedis> StartAsync(string password)
    {
        var folder = Directory.CreateTempSubdirectory("webhooksig-redis-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var argument in (string[])["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "",
            "--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "noeviction", "--requirepass", password])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed (.ci/run installs it).", e);
        }

        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new OwnRedis(process, folder, port);

        // A bound on start-up, not a timing assertion.
        var deadline = Stopwatch.StartNew();
        while (!await redis.AnswersAsync(password))
        {
            if (process.HasExited || deadline.Elapsed > StartLimit)
            {
                await redis.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not answer on port {port}.");
            }

            await Task.Delay(50);
        }

        return redis;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<bool> AnswersAsync(string password)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {password}\r\nPING\r\n"));
            var answer = new StringBuilder();
            var buffer = new byte[64];
            while (!answer.ToString().Contains("+PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return false;
                }

                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
