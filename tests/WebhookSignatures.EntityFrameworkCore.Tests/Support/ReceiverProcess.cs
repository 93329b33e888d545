using System.Globalization;
using System.Net;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>
/// The test receiver (<c>WebhookSignatures.EntityFrameworkCore.TestReceiver</c>) as a child process on a free loopback
/// port, its output read line by line, killed with SIGKILL by <see cref="KillAsync"/> or when disposed.
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ReceiverProcess(ChildProcess process, int port)
    {
        _process = process;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<ReceiverProcess> StartAsync(string connectionString, string instance, TimeSpan lease)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start("dotnet", [
            Path.Combine(AppContext.BaseDirectory, "WebhookSignatures.EntityFrameworkCore.TestReceiver.dll"),
            "--urls", $"http://127.0.0.1:{port}", "--connection", connectionString, "--secret", Deliveries.Secret,
            "--instance", instance, "--lease-ms", ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        var receiver = new ReceiverProcess(process, port);
        var ready = await Eventually.ReturnsAsync(
            async () => process.HasExited ? HttpStatusCode.Gone : (await receiver.Client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode,
            s => s is HttpStatusCode.OK or HttpStatusCode.Gone);
        if (ready != HttpStatusCode.OK)
        {
            await receiver.DisposeAsync();
            throw new InvalidOperationException("The test receiver did not start: " + process.Output);
        }

        return receiver;
    }

    /// <summary>Sends a signed delivery; <see langword="null"/> when no answer came (the process died).</summary>
    public async Task<HttpStatusCode?> SendAsync(string id, string? crashPoint = null)
    {
        try
        {
            using var request = Deliveries.Signed(id, crashPoint);
            using var response = await Client.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Waits until the process prints a line that starts with <paramref name="prefix"/>, and returns it.</summary>
    public Task<string> WaitForLineAsync(string prefix) => _process.WaitForLineAsync(prefix, Eventually.Deadline);

    public Task WriteLineAsync(string line) => _process.WriteLineAsync(line);

    /// <summary>SIGSTOP: the process stalls, its lease renewal with it, until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => _process.SignalAsync("STOP");

    /// <summary>SIGCONT after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync() => _process.SignalAsync("CONT");

    /// <summary>SIGKILL, as a crash: nothing of the process runs after it.</summary>
    public Task KillAsync() => _process.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Client.Dispose();
    }
}
