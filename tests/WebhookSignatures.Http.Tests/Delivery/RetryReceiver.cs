using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>What stands in front of the receiver for one attempt.</summary>
internal enum FrontBehaviour
{
    /// <summary>The attempt reaches the receiver and its answer reaches the sender.</summary>
    PassThrough,

    /// <summary>The receiver is down: 503 with <c>Retry-After: 1</c>, and the attempt never reaches it.</summary>
    Unavailable,

    /// <summary>The attempt reaches the receiver, but its answer is lost on the way back: the sender gets 502.</summary>
    LoseAnswer,
}

/// <summary>One attempt as it arrived: its headers and body, what the receiver answered (none when it never reached it) and what the sender got.</summary>
internal sealed record ArrivedAttempt(int Number, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int? ReceiverStatus, int SenderStatus, bool HandlerRan);

/// <summary>
/// This project's receiver on real Kestrel at 127.0.0.1: the ASP.NET Core middleware with its in-memory exactly-once
/// store, one Standard Webhooks registration per path, behind a front that can fail an attempt (down, or the answer
/// lost) and records every attempt as it arrived.
/// </summary>
internal sealed class RetryReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _attempts;
    private int _handlerRuns;

    private RetryReceiver(WebApplication app) => _app = app;

    /// <summary>The address, such as <c>http://127.0.0.1:5123</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Every attempt, in arrival order.</summary>
    public ConcurrentQueue<ArrivedAttempt> Arrived { get; } = new();

    /// <summary>How many times a handler ran.</summary>
    public int HandlerRuns => Volatile.Read(ref _handlerRuns);

    /// <param name="secrets">Per path (<c>/hooks/old</c>), the secrets its registration holds.</param>
    /// <param name="front">What the front does with attempt n (from 1).</param>
    /// <param name="time">The receiver's clock; the system clock when null.</param>
    public static async Task<RetryReceiver> StartAsync(IReadOnlyDictionary<string, string[]> secrets, Func<int, FrontBehaviour> front, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var webhooks = builder.Services.AddWebhookSignatures();
        foreach (var (path, keys) in secrets)
        {
            webhooks.AddStandardWebhooks(RegistrationName(path), o =>
            {
                foreach (var key in keys)
                {
                    o.Secrets.Add(key);
                }
            });
        }

        var app = builder.Build();
        var receiver = new RetryReceiver(app);
        app.Use(async (context, next) =>
        {
            var number = Interlocked.Increment(ref receiver._attempts);
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            var body = copy.ToArray();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var behaviour = front(number);
            if (behaviour == FrontBehaviour.Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                receiver.Arrived.Enqueue(new(number, context.Request.Path, headers, body, null, 503, false));
                return;
            }

            context.Request.Body = new MemoryStream(body);
            var original = context.Response.Body;
            using var answer = new MemoryStream();
            context.Response.Body = answer;
            var runsBefore = receiver.HandlerRuns;
            await next(context);
            var receiverStatus = context.Response.StatusCode;
            context.Response.Body = original;
            if (behaviour == FrontBehaviour.LoseAnswer)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
            else
            {
                answer.Position = 0;
                await answer.CopyToAsync(original);
            }

            receiver.Arrived.Enqueue(new(number, context.Request.Path, headers, body, receiverStatus, context.Response.StatusCode, receiver.HandlerRuns > runsBefore));
        });
        app.UseRouting();
        app.UseWebhookSignatures();
        foreach (var path in secrets.Keys)
        {
            app.MapPost(path, () =>
            {
                Interlocked.Increment(ref receiver._handlerRuns);
                return Results.Ok();
            }).RequireWebhookSignature(RegistrationName(path));
        }

        await app.StartAsync();
        receiver.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return receiver;
    }

    private static string RegistrationName(string path) => path.Trim('/').Replace('/', '-');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
