using System.Security.Cryptography;
using WebhookSignatures.Cryptography;

namespace WebhookSignatures.Tests;

public sealed class KeyedHmacSha256Tests
{
    [Fact]
    public void Reused_keyed_states_give_the_one_shot_mac_for_every_input_in_turn()
    {
        var key = TestKeys.Bytes();
        using var hmac = new KeyedHmacSha256(key);
        var mac = new byte[32];

        // Alternating prefixed and bare inputs would expose a state that kept input from the previous call.
        for (var length = 0; length < 300; length += 7)
        {
            var body = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();
            var prefix = length % 2 == 0 ? "1700000000."u8.ToArray() : [];

            hmac.Compute(prefix, body, mac);

            mac.Should().Equal(HMACSHA256.HashData(key, prefix.Concat(body).ToArray()), $"length {length}");
        }
    }

    [Fact]
    public void Concurrent_verifications_on_one_ring_each_get_their_own_mac()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var key = TestKeys.Bytes();
        var failures = 0;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var body = BitConverter.GetBytes(i);
            Span<byte> mac = stackalloc byte[32];
            keys.TryComputeHmacSha256(0, default, body, mac).Should().BeTrue();
            if (!mac.SequenceEqual(HMACSHA256.HashData(key, body)))
            {
                Interlocked.Increment(ref failures);
            }
        });

        failures.Should().Be(0);
    }

    [Fact]
    public void A_disposed_ring_refuses_to_compute()
    {
        var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var mac = new byte[32];
        keys.TryComputeHmacSha256(0, default, "warm"u8, mac).Should().BeTrue();
        keys.Dispose();

        var compute = () => keys.TryComputeHmacSha256(0, default, "body"u8, mac);

        compute.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Computing_after_dispose_uses_a_fresh_state_and_gives_the_right_mac()
    {
        var hmac = new KeyedHmacSha256(TestKeys.Bytes());
        var mac = new byte[32];
        hmac.Dispose();

        hmac.Compute(default, "body"u8, mac);

        mac.Should().Equal(HMACSHA256.HashData(TestKeys.Bytes(), "body"u8));
    }
}
