namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>
/// Under the test runner this is a test assembly; run with <c>hold</c> it is a stand-in test host for
/// <see cref="HostDeathTests"/>: it starts a Redis and a PostgreSQL of its own, prints their process ids and folders,
/// and waits to be killed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["hold"])
        {
            await Console.Error.WriteLineAsync("usage: hold");
            return 2;
        }

        var redis = await RedisServerProcess.StartAsync();
        var postgres = await PostgresServerProcess.StartAsync();
        Console.WriteLine($"redis {redis.ProcessId} {redis.Folder}");
        Console.WriteLine($"postgres {postgres.ProcessId} {postgres.Folder}");
        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
        return 0;
    }
}
