using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Soak;

/// <summary>
/// The application behind the receivers (<c>listen --forward-to</c>): a Kestrel app that counts, per delivery id (the
/// body's top-level <c>id</c>), how often its handler ran and how often it succeeded, and fails a fraction of first runs
/// with 500 so the sender has to retry.
/// </summary>
public sealed class CountingApplication : IAsyncDisposable
{
    /// <summary>The path the receivers forward to.</summary>
    public const string Path = "/hooks";

    /// <summary>What the ids of deliveries the receivers must refuse start with.</summary>
    public const string RefusedIdPrefix = "bad-";

    private readonly ConcurrentDictionary<string, HandlerRuns> _runs = new(StringComparer.Ordinal);
    private readonly double _failFirstRuns;
    private readonly int _workMilliseconds;
    private readonly Stopwatch _clock;
    private WebApplication? _app;
    private int _refusedReached;
    private int _unreadable;

    private CountingApplication(double failFirstRuns, TimeSpan work, Stopwatch clock)
    {
        _failFirstRuns = failFirstRuns;
        _workMilliseconds = (int)work.TotalMilliseconds;
        _clock = clock;
    }

    /// <summary>Runs per delivery id.</summary>
    public IReadOnlyDictionary<string, HandlerRuns> Runs => _runs;

    /// <summary>Deliveries that the receivers should have refused (forged, tampered, stale) but forwarded.</summary>
    public int RefusedReached => Volatile.Read(ref _refusedReached);

    /// <summary>Forwarded bodies without an id.</summary>
    public int Unreadable => Volatile.Read(ref _unreadable);

    /// <summary>
    /// Starts the application on 127.0.0.1; each handler run takes up to <paramref name="work"/>, and
    /// <paramref name="clock"/> times the runs, as it times the sender.
    /// </summary>
    public static async Task<CountingApplication> StartAsync(int port, double failFirstRuns, TimeSpan work, Stopwatch clock)
    {
        var application = new CountingApplication(failFirstRuns, work, clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost(Path, application.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        application._app = app;
        return application;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var id = ReadId(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (id is null)
        {
            Interlocked.Increment(ref _unreadable);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (id.StartsWith(RefusedIdPrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refusedReached);
        }

        var runs = _runs.GetOrAdd(id, static _ => new HandlerRuns());
        var run = runs.Start();

        // Some work, so that a duplicate sent at the same moment finds the delivery in flight. A run whose receiver dies
        // meanwhile ends here, neither failed nor succeeded: it was cut off.
        await Task.Delay(Random.Shared.Next(0, _workMilliseconds + 1), context.RequestAborted).ConfigureAwait(false);
        if (run == 1 && Random.Shared.NextDouble() < _failFirstRuns)
        {
            runs.Fail(_clock.Elapsed);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        runs.Succeed(_clock.Elapsed);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static string? ReadId(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: no id.
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
