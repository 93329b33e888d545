using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// One command to a Redis or Sentinel on a loopback port, without a client library: for the test servers' own checks
/// (is the replica in sync, which primary do the Sentinels name).
/// </summary>
public static class RedisCommandLine
{
    /// <summary>Sends <paramref name="arguments"/> as one command and returns the reply's lines, or null when nothing answered.</summary>
    public static async Task<IReadOnlyList<string>?> SendAsync(int port, params string[] arguments)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);

            // A reply this small arrives at once; what one read gets is enough for these checks.
            var buffer = new byte[64 * 1024];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, read).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }
}
