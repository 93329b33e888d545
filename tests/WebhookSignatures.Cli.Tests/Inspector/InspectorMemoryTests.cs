using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace WebhookSignatures.Cli.Tests.Inspector;

/// <summary>
/// The inspector's memory bound holds whatever its readers do: pages and event streams that never read their
/// response cannot make <c>listen</c> keep more than its bound. The tool runs as a real process with a hard heap
/// limit well above the bound and well below what unbounded readers would pin, so keeping too much is an
/// out-of-memory failure, not a number to compare.
/// </summary>
public sealed class InspectorMemoryTests
{
    private const string Secret = "inspector-memory-secret-7f3a9c";
    private const int Posts = 40;
    private const int BodySize = 4 * 1024 * 1024;

    // 512 MiB: the inspector's bounds and a few requests in flight fit with room to spare; forty 4 MiB deliveries pinned by
    // a reader, or sixteen copies of the page, do not.
    private const string HeapLimit = "0x20000000";

    [Fact]
    public async Task An_event_stream_that_never_reads_is_dropped_and_unsigned_4_MiB_posts_are_all_answered_within_the_bound()
    {
        await using var listener = await StartAsync();
        using var events = await OpenStalledAsync(listener.Url, "/_inspect/events", "retry:");

        var statuses = new List<string>();
        for (var i = 0; i < Posts; i++)
        {
            statuses.Add(await PostUnsignedAsync(listener.Url));
        }

        statuses.Should().AllBe("401", "every unsigned post is refused and answered, whatever the readers hold");
        listener.HasExited.Should().BeFalse();
        listener.ResidentBytes().Should().BeLessThan(1024L * 1024 * 1024, "the heap is bounded; a generous bound on the whole process");
        (await ClosedAsync([events])).Should().BeTrue("the event stream whose queue passed its bound was closed by the server");

        // Its page reconnects with the last event it got: it missed deliveries no longer kept, so it is told to reload.
        using var client = new HttpClient();
        var run = Regex.Match(await client.GetStringAsync(new Uri(listener.Url, "/_inspect")), "data-run=\"([0-9a-f]+)\"").Groups[1].Value;
        (await ReconnectAsync(client, listener.Url, $"{run}.1")).Should().Contain("event: reload");
        (await ReconnectAsync(client, listener.Url, $"{run}.{Posts}")).Should().Contain("retry:").And.NotContain("event: reload");
    }

    [Fact]
    public async Task Pages_that_never_read_count_against_the_bound_and_unsigned_4_MiB_posts_are_all_answered()
    {
        await using var listener = await StartAsync();
        for (var i = 0; i < 4; i++)
        {
            (await PostUnsignedAsync(listener.Url)).Should().Be("401");
        }

        // Each page holds what it has yet to show: the deliveries kept when it opened, which the log then drops.
        var pages = new List<Socket>();
        try
        {
            for (var i = 0; i < 16; i++)
            {
                pages.Add(await OpenStalledAsync(listener.Url, "/_inspect", "<!DOCTYPE html>"));
            }

            var statuses = new List<string>();
            for (var i = 4; i < Posts; i++)
            {
                statuses.Add(await PostUnsignedAsync(listener.Url));
            }

            statuses.Should().AllBe("401", "every unsigned post is refused and answered, whatever the pages hold");
            listener.HasExited.Should().BeFalse();
            listener.ResidentBytes().Should().BeLessThan(1024L * 1024 * 1024, "the heap is bounded; a generous bound on the whole process");
            (await ClosedAsync(pages)).Should().BeTrue("the pages holding most were dropped to keep the bound");

            using var client = new HttpClient();
            var html = await client.GetStringAsync(new Uri(listener.Url, "/_inspect"));
            html.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"id=\"delivery-{Posts}\""));
        }
        finally
        {
            foreach (var page in pages)
            {
                page.Dispose();
            }
        }
    }

    private static Task<ListenProcess> StartAsync() => ListenProcess.StartAsync(
        new Dictionary<string, string> { ["HOOK_SECRET"] = Secret, ["DOTNET_GCHeapHardLimit"] = HeapLimit },
        "--scheme", "github", "--secret-env", "HOOK_SECRET", "--inspect", "--quiet");

    private static async Task<string> ReconnectAsync(HttpClient client, Uri listener, string lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(listener, "/_inspect/events"));
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>A GET whose response is read only until <paramref name="marker"/>, with the smallest receive window.</summary>
    private static async Task<Socket> OpenStalledAsync(Uri listener, string path, string marker)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(IPAddress.Loopback, listener.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{listener.Port}\r\nAccept: */*\r\n\r\n"));
        var seen = new StringBuilder();
        var buffer = new byte[256];
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!seen.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, limit.Token);
            read.Should().BePositive($"{path} answers");
            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
            if (seen.Length >= 12)
            {
                seen.ToString().Should().StartWith("HTTP/1.1 200", $"{path} is served while the readers before it stall");
            }
        }

        return socket;
    }

    /// <summary>
    /// Whether the server closed at least one of the connections: each is read to its end, and the first to end
    /// answers. A bound, not a timing assertion: a connection still sending after 512 MiB, or still open after a
    /// minute, is not closed.
    /// </summary>
    private static async Task<bool> ClosedAsync(IReadOnlyList<Socket> sockets)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var reads = sockets.Select(s => ReadToEndAsync(s, limit.Token)).ToList();
        while (reads.Count > 0)
        {
            var first = await Task.WhenAny(reads);
            if (await first)
            {
                return true;
            }

            reads.Remove(first);
        }

        return false;
    }

    private static async Task<bool> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            while (total < 512L * 1024 * 1024)
            {
                var read = await socket.ReceiveAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return true;
                }

                total += read;
            }

            return false;
        }
        catch (SocketException)
        {
            // Reset by the server: closed too.
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<string> PostUnsignedAsync(Uri url)
    {
        var body = new byte[BodySize];
        body.AsSpan().Fill((byte)'a');
        "{\"zen\":\""u8.CopyTo(body);
        "\"}"u8.CopyTo(body.AsSpan(BodySize - 2));
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-GitHub-Event", "push");
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
