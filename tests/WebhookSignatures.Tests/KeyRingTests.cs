using WebhookSignatures.Schemes.Hub;

namespace WebhookSignatures.Tests;

public sealed class KeyRingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_matching_secret_in_any_position_verifies_and_reports_its_index(int position)
    {
        var secrets = new[] { "first-secret-aaaaaaaa", "middle-secret-bbbbbbb", "last-secret-ccccccccc" };
        var header = HubSignature.CreateSignatureHeader("body"u8, TestKeys.Bytes(secrets[position]));
        using var keys = KeyRing.FromSecrets(secrets);

        var result = SnykSignature.Default.VerifySignatureHeader(header, "body"u8, keys);

        result.IsValid.Should().BeTrue();
        result.MatchedKeyIndex.Should().Be(position);
    }

    [Fact]
    public void Signing_uses_the_current_secret_first_in_the_ring()
    {
        using var ring = KeyRing.FromSecrets("current-secret-aaaaaa", "previous-secret-bbbbb");
        using var currentOnly = KeyRing.FromSecrets("current-secret-aaaaaa");

        var signed = SnykSignature.Default.Sign("body"u8, ring);

        SnykSignature.Default.Verify(new(signed.Headers, "body"u8), currentOnly).MatchedKeyIndex.Should().Be(0);
    }

    [Fact]
    public void The_ring_never_shows_its_secrets()
    {
        using var keys = KeyRing.FromSecrets("super-secret-value-123", "another-secret-value-456");

        keys.ToString().Should().Be("KeyRing (2 secrets)");
    }

    [Fact]
    public void Weak_secrets_are_refused_only_when_strength_is_asked_for_and_the_message_names_the_position_not_the_value()
    {
        using var keys = KeyRing.FromSecrets("strong-secret-0123456789", "weak-pw");

        var ensure = () => keys.EnsureStrong();

        ensure.Should().Throw<ArgumentException>().WithMessage("Secret 1 of the key ring has 7 bytes*").Which.Message.Should().NotContain("weak-pw");
        KeyRing.IsStrong("0123456789abcdef"u8).Should().BeTrue();
        KeyRing.IsStrong("0123456789abcde"u8).Should().BeFalse();
    }

    [Fact]
    public void Empty_secrets_are_a_configuration_error()
    {
        var create = () => KeyRing.FromSecrets("fine-secret-0123456789", string.Empty);

        create.Should().Throw<ArgumentException>().WithMessage("Secret 1 of the key ring is null or empty*");
    }

    [Fact]
    public void Generated_secrets_are_strong_distinct_and_header_safe()
    {
        var a = KeyRing.GenerateSecret();
        var b = KeyRing.GenerateSecret();

        a.Should().NotBe(b);
        a.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9_-]+$");
        KeyRing.IsStrong(System.Text.Encoding.UTF8.GetBytes(a)).Should().BeTrue();
    }

    [Fact]
    public void Disposing_zeroes_the_keys_and_blocks_further_use()
    {
        var keys = KeyRing.FromSecrets("secret-to-be-zeroed-now");
        var key = keys.GetKey(0);
        var before = key.ToArray();

        keys.Dispose();

        before.Should().NotBeEquivalentTo(new byte[before.Length]);
        key.ToArray().Should().OnlyContain(b => b == 0);
        Action use = () => _ = keys.GetKey(0).Length;
        use.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Raw_keys_are_copied_so_later_changes_by_the_caller_do_not_leak_in()
    {
        var raw = TestKeys.Bytes("raw-key-bytes-0123456789");
        using var keys = KeyRing.FromKeys(raw);
        var header = HubSignature.CreateSignatureHeader("x"u8, raw);

        raw[0] ^= 0xFF;

        SnykSignature.Default.VerifySignatureHeader(header, "x"u8, keys).IsValid.Should().BeTrue();
    }
}
