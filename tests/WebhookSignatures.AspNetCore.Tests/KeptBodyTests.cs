using System.Text;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>
/// A handler that keeps the verified body past its request (for background work) never sees another request's bytes
/// in it: once the request has ended, reading it throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class KeptBodyTests
{
    [Fact]
    public async Task A_kept_body_throws_after_its_request_ended_and_never_shows_a_later_requests_bytes()
    {
        var kept = new List<(byte[] Original, ReadOnlyMemory<byte> Body, System.Buffers.ReadOnlySequence<byte> Sequence, Stream Stream)>();
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now));
        app.Handler = context =>
        {
            var feature = context.GetWebhookVerification()!;
            lock (kept)
            {
                kept.Add((feature.Body.ToArray(), feature.Body, new System.Buffers.ReadOnlySequence<byte>(feature.Body), context.Request.Body));
            }

            return Task.CompletedTask;
        };

        for (var i = 0; i < 30; i++)
        {
            using var accepted = await app.Client.SendAsync(Deliveries.Snyk($$"""{"webhookId":"kept-{{i}}"}"""));
            ((int)accepted.StatusCode).Should().Be(200);

            // A refused request of the same size, whose bytes an attacker chose, goes through the same pool.
            var attacker = Encoding.UTF8.GetBytes($$"""{"webhookId":"EVIL-{{i}}"}""");
            using var refused = await app.Client.SendAsync(Deliveries.Post("/hooks/snyk", attacker, ("X-Hub-Signature", "sha256=" + new string('0', 64))));
            ((int)refused.StatusCode).Should().Be(401);
        }

        kept.Should().HaveCount(30);
        foreach (var (original, body, sequence, stream) in kept)
        {
            await EventuallyDisposedAsync(() => body.Span.ToArray(), original);
            FluentActions.Invoking(() => sequence.FirstSpan.ToArray()).Should().Throw<ObjectDisposedException>();
            FluentActions.Invoking(() => stream.ReadByte()).Should().Throw<ObjectDisposedException>();
        }
    }

    [Fact]
    public async Task A_copy_made_during_the_request_is_the_handlers_to_keep()
    {
        byte[]? copy = null;
        await using var app = await ScriptedReceiver.StartAsync(new FakeTimeProvider(TestApp.Now));
        app.Handler = context =>
        {
            copy = context.GetWebhookVerification()!.Body.ToArray();
            return Task.CompletedTask;
        };
        const string Body = """{"webhookId":"copied"}""";

        using var response = await app.Client.SendAsync(Deliveries.Snyk(Body));
        using var later = await app.Client.SendAsync(Deliveries.Post("/hooks/snyk", Encoding.UTF8.GetBytes("""{"webhookId":"xxxxxx"}"""), ("X-Hub-Signature", "sha256=00")));

        Encoding.UTF8.GetString(copy!).Should().Be(Body);
    }

    // The request's resources are disposed just after its response is sent, so wait (boundedly) for that moment;
    // until then the body must still read as it was.
    private static async Task EventuallyDisposedAsync(Func<byte[]> read, byte[] original)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            byte[] seen;
            try
            {
                seen = read();
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            seen.Should().Equal(original, "a kept body shows its own bytes until the request ends, never another's");
            await Task.Delay(10, deadline.Token);
        }
    }
}
