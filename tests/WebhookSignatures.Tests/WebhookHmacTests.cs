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
