using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// One redis-sentinel on a free loopback port, in a temporary folder holding the configuration file it rewrites, watching
/// one primary; part of a <see cref="RedisSentinelTopology"/>.
/// </summary>
internal sealed class RedisSentinelProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly ServerWatchdog _watchdog;

    private RedisSentinelProcess(ServerWatchdog watchdog, int port)
    {
        _watchdog = watchdog;
        Port = port;
    }

    public int Port { get; }

    public string LogTail() => _watchdog.LogTail();

    public static async Task<RedisSentinelProcess> StartAsync(int primaryPort, string serviceName, TimeSpan downAfter)
    {
        // Debian's redis-sentinel is redis-server under another name; redis-server --sentinel is the same where it is missing.
        var sentinel = InstalledBinary.OnPath("redis-sentinel", Environment.GetEnvironmentVariable("PATH"));
        var server = InstalledBinary.RedisServer(Environment.GetEnvironmentVariable("PATH"));
        for (var attempt = 1; ; attempt++)
        {
            var folder = Directory.CreateTempSubdirectory("webhooksig-sentinel-").FullName;
            var port = FreePort.Next();
            var configuration = Path.Combine(folder, "sentinel.conf");
            var down = ((int)downAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await File.WriteAllLinesAsync(configuration,
            [
                $"port {port.ToString(CultureInfo.InvariantCulture)}",
                "bind 127.0.0.1",
                "daemonize no",
                $"dir {folder}",
                $"sentinel monitor {serviceName} 127.0.0.1 {primaryPort.ToString(CultureInfo.InvariantCulture)} 2",
                $"sentinel down-after-milliseconds {serviceName} {down}",
                $"sentinel failover-timeout {serviceName} 5000",
                $"sentinel parallel-syncs {serviceName} 1",
            ]);
            string[] command = sentinel is null
                ? [.. ServerCommand.DiesWithItsWatchdog(), server, configuration, "--sentinel"]
                : [.. ServerCommand.DiesWithItsWatchdog(), sentinel, configuration];
            var watchdog = await ServerWatchdog.StartAsync(folder, "TERM", command);
            var clock = Stopwatch.StartNew();
            while (!await RedisServerProcess.AnswersPingAsync(port))
            {
                if (watchdog.Exited.IsCompleted || clock.Elapsed > StartDeadline)
                {
                    var log = watchdog.LogTail();
                    await watchdog.DisposeAsync();
                    if (attempt < 4)
                    {
                        break;
                    }

                    throw new InvalidOperationException($"redis-sentinel did not answer on 127.0.0.1:{port}: {log}");
                }

                await Task.Delay(20);
            }

            if (!watchdog.Exited.IsCompleted && await RedisServerProcess.AnswersPingAsync(port))
            {
                return new RedisSentinelProcess(watchdog, port);
            }
        }
    }

    public ValueTask DisposeAsync() => _watchdog.DisposeAsync();
}
