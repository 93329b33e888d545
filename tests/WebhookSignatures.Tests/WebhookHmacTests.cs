using System.Security.Cryptography;
using System.Text;

namespace WebhookSignatures.Tests;

public sealed class WebhookHmacTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(2000)]
    public void ComputeSha256_equals_the_mac_of_prefix_and_body_joined(int bodyLength)
    {
        var key = Encoding.UTF8.GetBytes("secret");
        var prefix = Encoding.UTF8.GetBytes("1700000000.");
        var body = Enumerable.Range(0, bodyLength).Select(i => (byte)i).ToArray();
        var mac = new byte[WebhookHmac.Sha256Length];

        WebhookHmac.ComputeSha256(key, prefix, body, mac);

        mac.Should().Equal(HMACSHA256.HashData(key, prefix.Concat(body).ToArray()));
    }

    [Fact]
    public void ComputeSha256_refuses_a_short_destination()
    {
        var compute = () => WebhookHmac.ComputeSha256("k"u8, default, "b"u8, new byte[31]);

        compute.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void FindMatchingKey_finds_the_candidate_at_any_position_and_names_the_key(int position)
    {
        using var keys = KeyRing.FromSecrets("old", "current");
        var candidates = new byte[3 * WebhookHmac.Sha256Length];
        WebhookHmac.ComputeSha256(keys.GetKey(1), "p."u8, "body"u8, candidates.AsSpan(position * WebhookHmac.Sha256Length));

        var index = WebhookHmac.FindMatchingKey(keys, "p."u8, "body"u8, candidates, out var digest);

        index.Should().Be(1);
        digest.ToHex().Should().Be(Convert.ToHexString(candidates, position * 32, 32).ToLowerInvariant());
    }

    [Fact]
    public void FindMatchingKey_returns_minus_one_and_an_empty_digest_when_nothing_matches()
    {
        using var keys = KeyRing.FromSecrets("current");

        WebhookHmac.FindMatchingKey(keys, default, "body"u8, new byte[32], out var digest).Should().Be(-1);
        digest.IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void FindMatchingKey_refuses_candidates_that_are_not_whole_macs(int length)
    {
        using var keys = KeyRing.FromSecrets("current");

        var find = () => WebhookHmac.FindMatchingKey(keys, default, "body"u8, new byte[length], out _);

        find.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("00ff", true)]
    [InlineData("00FF", true)]
    [InlineData("00f", false)]
    [InlineData("00fg", false)]
    [InlineData("00ff00", false)]
    public void TryDecodeHex_accepts_exactly_the_destination_length_in_either_case(string hex, bool expected)
    {
        var bytes = new byte[2];

        WebhookHmac.TryDecodeHex(hex, bytes).Should().Be(expected);
        if (expected)
        {
            bytes.Should().Equal(0x00, 0xFF);
        }
    }

    [Fact]
    public void ToHex_writes_lowercase() =>
        WebhookHmac.ToHex([0xAB, 0x01]).Should().Be("ab01");
}
