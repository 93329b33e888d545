using System.Globalization;
using System.Net;
using System.Text;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>
/// The Redis test receiver (<c>WebhookSignatures.Redis.TestReceiver</c>) as a child process on a free loopback port,
/// its output read line by line, killed with SIGKILL by <see cref="KillAsync"/> or when disposed.
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    public const string Secret = Receiver.StandardSecret;

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private ReceiverProcess(ChildProcess process, int port)
    {
        _process = process;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<ReceiverProcess> StartAsync(string redis, string keyPrefix, TimeSpan lease)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "WebhookSignatures.Redis.TestReceiver.dll"),
            "--urls", $"http://127.0.0.1:{port}", "--redis", redis, "--secret", Secret, "--prefix", keyPrefix,
            "--lease-ms", ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        var receiver = new ReceiverProcess(process, port);
        var ready = await Eventually.ReturnsAsync(
            async () => process.HasExited ? HttpStatusCode.Gone : (await receiver.Client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode,
            s => s is HttpStatusCode.OK or HttpStatusCode.Gone,
            StartDeadline);
        if (ready != HttpStatusCode.OK)
        {
            await receiver.DisposeAsync();
            throw new InvalidOperationException("The test receiver did not start: " + process.Output);
        }

        return receiver;
    }

    /// <summary>A Standard Webhooks delivery of <paramref name="id"/> signed now, its body <c>{"id":…}</c>.</summary>
    public static HttpRequestMessage Signed(string id, string? crashPoint = null)
    {
        var scheme = new StandardWebhooksSignature();
        using var keys = scheme.CreateKeyRing([Secret]);
        var signed = scheme.Sign(Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"), keys, new() { Timestamp = DateTimeOffset.UtcNow, DeliveryId = id });
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new ByteArrayContent(signed.Body.ToArray()) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (crashPoint is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Test-Crash-Point", crashPoint);
        }

        return request;
    }

    /// <summary>Sends <paramref name="id"/> signed anew, as a sender's attempt; <see langword="null"/> when no answer came (the process died).</summary>
    public async Task<HttpStatusCode?> SendAsync(string id, string? crashPoint = null)
    {
        try
        {
            using var request = Signed(id, crashPoint);
            using var response = await Client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Waits until the process prints a line that starts with <paramref name="prefix"/>, and returns it.</summary>
    public Task<string> WaitForLineAsync(string prefix) => _process.WaitForLineAsync(prefix);

    /// <summary>SIGKILL, as a crash: nothing of the process runs after it.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Client.Dispose();
    }
}
