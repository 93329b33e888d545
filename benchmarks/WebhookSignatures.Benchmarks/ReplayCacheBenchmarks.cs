using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Benchmarks;

/// <summary>
/// The default in-memory replay cache in its steady state: it holds <see cref="LiveEntries"/> deliveries, and each new
/// one arrives as the oldest expires, so every call records one delivery and forgets one.
/// </summary>
[MemoryDiagnoser]
public class ReplayCacheBenchmarks
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(10);

    private readonly SteppedClock _clock = new();
    private MemoryWebhookReplayCache _cache = null!;
    private ReplayCacheKey[] _keys = [];
    private int _next;

    /// <summary>How many unexpired deliveries the cache holds.</summary>
    [Params(4096, 65536)]
    public int LiveEntries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cache = new MemoryWebhookReplayCache(Options.Create(new WebhookReplayCacheOptions { MemoryCapacity = 2 * LiveEntries }), _clock);
        _clock.Step = TimeToLive / LiveEntries;

        // Twice as many keys as live entries: a key comes round again only long after it expired.
        _keys = new ReplayCacheKey[2 * LiveEntries];
        Span<byte> digest = stackalloc byte[32];
        for (var i = 0; i < _keys.Length; i++)
        {
            digest.Fill((byte)i);
            BinaryPrimitives.WriteInt32LittleEndian(digest, i);
            _keys[i] = new ReplayCacheKey("github", new WebhookDigest(digest), null);
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
        return _cache.TryAdd(key, TimeToLive) ? true : throw new InvalidOperationException("A new delivery was taken for a replay.");
    }

    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        public TimeSpan Step { get; set; }

        public void Advance() => _now += Step;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
