using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

public sealed class MemoryReplayCacheTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly WebhookDigest Digest = new([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32]);

    private readonly FakeTimeProvider _time = new(TestApp.Now);

    [Fact]
    public void A_delivery_is_accepted_once_then_refused_until_it_expires()
    {
        var cache = Create();
        var key = ReplayCacheKey.For("snyk", WebhookVerificationResult.Success(0, Digest));

        cache.TryAdd(key, Hour).Should().BeTrue();
        cache.TryAdd(key, Hour).Should().BeFalse();
        _time.Advance(Hour);
        cache.TryAdd(key, Hour).Should().BeTrue("the entry expired");
    }

    [Fact]
    public void The_same_digest_under_another_registration_or_timestamp_is_another_delivery()
    {
        var cache = Create();

        cache.TryAdd(ReplayCacheKey.For("snyk", WebhookVerificationResult.Success(0, Digest, 1000)), Hour).Should().BeTrue();
        cache.TryAdd(ReplayCacheKey.For("github", WebhookVerificationResult.Success(0, Digest, 1000)), Hour).Should().BeTrue();
        cache.TryAdd(ReplayCacheKey.For("snyk", WebhookVerificationResult.Success(0, Digest, 1001)), Hour).Should().BeTrue();
        cache.TryAdd(ReplayCacheKey.For("snyk", WebhookVerificationResult.Success(0, Digest)), Hour).Should().BeTrue();
        cache.TryAdd(ReplayCacheKey.For("snyk", WebhookVerificationResult.Success(1, Digest, 1000)), Hour).Should().BeFalse("the key that matched does not change the delivery");
        cache.Count.Should().Be(4);
    }

    [Fact]
    public async Task Keys_given_as_text_are_remembered_apart_from_deliveries()
    {
        var cache = Create();
        cache.TryAdd(ReplayCacheKey.For("snyk", WebhookVerificationResult.Success(0, Digest)), Hour).Should().BeTrue();

        (await cache.TryAddAsync("snyk", Hour, CancellationToken.None)).Should().BeTrue("a text key never equals a delivery's key");
        (await cache.TryAddAsync("snyk", Hour, CancellationToken.None)).Should().BeFalse();
        cache.Count.Should().Be(2);
    }

    [Fact]
    public void A_full_cache_refuses_to_grow_and_recovers_once_entries_expire()
    {
        var cache = Create(capacity: 2);
        cache.TryAdd(ReplayCacheKey.FromText("a"), Hour).Should().BeTrue();
        cache.TryAdd(ReplayCacheKey.FromText("b"), Hour).Should().BeTrue();

        FluentActions.Invoking(() => cache.TryAdd(ReplayCacheKey.FromText("c"), Hour)).Should().Throw<InvalidOperationException>();
        _time.Advance(Hour);
        cache.TryAdd(ReplayCacheKey.FromText("c"), Hour).Should().BeTrue();
        cache.Count.Should().Be(1);
    }

    [Fact]
    public void A_full_cache_still_recognises_a_replay()
    {
        var cache = Create(capacity: 1);
        cache.TryAdd(ReplayCacheKey.FromText("a"), Hour).Should().BeTrue();

        cache.TryAdd(ReplayCacheKey.FromText("a"), Hour).Should().BeFalse("a replay is refused, not reported as a full cache");
    }

    [Fact]
    public void A_time_to_live_beyond_the_calendar_never_expires()
    {
        var cache = Create();
        var key = ReplayCacheKey.FromText("forever");
        cache.TryAdd(key, TimeSpan.MaxValue).Should().BeTrue();

        _time.Advance(TimeSpan.FromDays(3650));
        cache.TryAdd(key, Hour).Should().BeFalse("the delivery is still remembered");
    }

    [Fact]
    public void Entries_expire_in_time_order_whatever_order_they_came_in_and_freed_room_is_reused()
    {
        // A reference model (key -> expiry) against the cache over thousands of steps: keys come back, times to
        // live vary so entries expire out of arrival order, and the room of expired entries is taken again.
        var cache = Create(capacity: 10_000);
        var model = new Dictionary<string, DateTimeOffset>();
        var random = new Random(20261129);
        for (var step = 0; step < 20_000; step++)
        {
            _time.Advance(TimeSpan.FromSeconds(random.Next(0, 4)));
            var now = _time.GetUtcNow();
            foreach (var expired in model.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                model.Remove(expired);
            }

            var key = $"delivery-{random.Next(0, 500)}";
            var timeToLive = TimeSpan.FromSeconds(random.Next(1, 300));
            var expected = !model.ContainsKey(key);
            if (expected)
            {
                model[key] = now + timeToLive;
            }

            cache.TryAdd(ReplayCacheKey.FromText(key), timeToLive).Should().Be(expected, "step {0}, {1}", step, key);
            cache.Count.Should().Be(model.Count);
        }
    }

    private MemoryWebhookReplayCache Create(int capacity = 100) =>
        new(Options.Create(new WebhookReplayCacheOptions { MemoryCapacity = capacity }), _time);
}
