using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>
/// The test receiver (<c>WebhookSignatures.EntityFrameworkCore.TestReceiver</c>) as a child process on a free loopback
/// port, its standard output read line by line, paused with SIGSTOP by <see cref="PauseAsync"/>, killed with SIGKILL by
/// <see cref="KillAsync"/> or when disposed.
/// </summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private ReceiverProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public static async Task<ReceiverProcess> StartAsync(string connectionString, string instance, TimeSpan lease)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            Path.Combine(AppContext.BaseDirectory, "WebhookSignatures.EntityFrameworkCore.TestReceiver.dll"),
            "--urls", $"http://127.0.0.1:{port}", "--connection", connectionString, "--secret", Deliveries.Secret,
            "--instance", instance, "--lease-ms", ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The test receiver did not start.");
        var receiver = new ReceiverProcess(process, port);
        _ = receiver.ReadAsync();
        _ = receiver.ReadErrorsAsync();
        var ready = await Eventually.ReturnsAsync(
            async () => process.HasExited ? HttpStatusCode.Gone : (await receiver.Client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode,
            s => s is HttpStatusCode.OK or HttpStatusCode.Gone);
        if (ready != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("The test receiver did not start: " + string.Join('\n', receiver._seen));
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
    public async Task<string> WaitForLineAsync(string prefix)
    {
        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        lock (_seen)
        {
            if (_seen.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } seen)
            {
                return seen;
            }
        }

        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(deadline.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (_seen)
            {
                throw new TimeoutException($"The receiver printed no line starting '{prefix}'; it printed:\n{string.Join('\n', _seen)}");
            }
        }
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGSTOP, as a stalled host: nothing of the process runs, its lease renewals included, until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: a paused process runs again.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGKILL, as a crash: nothing of the process runs after it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed.");
        }
    }

    // What the receiver logs (warnings and errors) goes with its output lines, for a failure's message.
    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.Add("stderr: " + line);
            }
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_seen)
            {
                _seen.Add(line);
            }

            await _lines.Writer.WriteAsync(line);
        }
    }
}
