using System.Net.Sockets;

namespace WebhookSignatures.Cli.Tests;

/// <summary>The Redis that <c>.ci/run</c> starts: tests that need it fail at once, saying so, when it is not there.</summary>
internal static class RedisAtCi
{
    public const string Address = "127.0.0.1:6379";

    /// <summary>Returns <see cref="Address"/> once a PING there has been answered, or throws naming what is missing.</summary>
    public static async Task<string> RequireAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", 6379, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var answer = new byte[7];
            var read = await stream.ReadAsync(answer, timeout.Token);
            if (read >= 5 && answer.AsSpan(0, 5).SequenceEqual("+PONG"u8))
            {
                return Address;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            // Reported below.
        }

        throw new InvalidOperationException($"Redis is not reachable at {Address} (.ci/run starts it).");
    }
}
