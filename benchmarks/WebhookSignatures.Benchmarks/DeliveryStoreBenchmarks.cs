using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Benchmarks;

/// <summary>
/// The default in-memory delivery store in its steady state: it holds <see cref="LiveEntries"/> handled deliveries, and
/// each new one arrives as the oldest expires, so every call reserves and completes one delivery and forgets one.
/// </summary>
[MemoryDiagnoser]
public class DeliveryStoreBenchmarks
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(10);

    private readonly SteppedClock _clock = new();
    private const string Token = "0123456789abcdef0123456789abcdef";

    private MemoryWebhookDeliveryStore _store = null!;
    private WebhookDeliveryKey[] _keys = [];
    private int _next;

    /// <summary>How many unexpired deliveries the store holds.</summary>
    [Params(4096, 65536)]
    public int LiveEntries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new MemoryWebhookDeliveryStore(Options.Create(new WebhookMemoryDeliveryStoreOptions { CapacityPerRegistration = 2 * LiveEntries }), _clock);
        _clock.Step = TimeToLive / LiveEntries;

        // Twice as many keys as live entries: a key comes round again only long after it expired.
        _keys = new WebhookDeliveryKey[2 * LiveEntries];
        Span<byte> body = stackalloc byte[4];
        for (var i = 0; i < _keys.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body, i);
            _keys[i] = new WebhookDeliveryKey("github", WebhookDeliveryIdentity.FromSignedContent(default, body));
        }

        for (var i = 0; i < LiveEntries; i++)
        {
            RecordNext();
        }
    }

    [Benchmark]
    public bool RecordNext()
    {
        _clock.Advance();
        var key = _keys[_next];
        _next = _next + 1 == _keys.Length ? 0 : _next + 1;
        var reserved = _store.TryReserveAsync(key, Token, TimeToLive, CancellationToken.None).Result == WebhookReservationOutcome.Reserved;
        return reserved && _store.CompleteAsync(key, Token, TimeToLive, CancellationToken.None).Result
            ? true
            : throw new InvalidOperationException("A new delivery was taken for a duplicate.");
    }

    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        public TimeSpan Step { get; set; }

        public void Advance() => _now += Step;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
