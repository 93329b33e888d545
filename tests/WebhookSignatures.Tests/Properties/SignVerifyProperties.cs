using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.Infisical;

namespace WebhookSignatures.Tests.Properties;

public sealed class SignVerifyProperties
{
    private const int Cases = 2_000;

    [Property(MaxTest = Cases)]
    public bool Hub_sign_then_verify_holds_for_any_body_and_secret(byte[] body, NonEmptyArray<byte> secret)
    {
        using var keys = KeyRing.FromKeys(secret.Get);
        var signed = SnykSignature.Default.Sign(body ?? [], keys);

        return SnykSignature.Default.Verify(signed.Headers, signed.Body.Span, keys).IsValid;
    }

    [Property(MaxTest = Cases)]
    public bool Infisical_sign_then_verify_holds_for_any_payload_secret_and_timestamp(NonNull<string> text, NonEmptyString secret, PositiveInt seconds)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)seconds.Get * 1000 + 123);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(at) });
        using var keys = KeyRing.FromSecrets(secret.Get);

        var signed = scheme.Sign(JsonObjectWith(text.Get), keys);
        var result = scheme.Verify(signed.Headers, signed.Body.Span, keys);

        return result.IsValid && result.TimestampUnixMs == at.ToUnixTimeMilliseconds();
    }

    [Property(MaxTest = Cases)]
    public bool Any_single_bit_flip_in_the_body_is_rejected(NonEmptyArray<byte> body, PositiveInt position, byte bit)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = SnykSignature.Default.Sign(body.Get, keys);
        var tampered = signed.Body.ToArray();
        tampered[position.Get % tampered.Length] ^= (byte)(1 << (bit % 8));

        return SnykSignature.Default.Verify(signed.Headers, tampered, keys).FailureReason == WebhookFailureReason.SignatureMismatch;
    }

    [Property(MaxTest = Cases)]
    public bool Any_single_bit_flip_in_an_infisical_body_is_rejected(NonNull<string> text, PositiveInt position, byte bit)
    {
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)) });
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = scheme.Sign(JsonObjectWith(text.Get), keys);
        var tampered = signed.Body.ToArray();
        tampered[position.Get % tampered.Length] ^= (byte)(1 << (bit % 8));

        return !scheme.Verify(signed.Headers, tampered, keys).IsValid;
    }

    [Property(MaxTest = Cases)]
    public bool Any_single_bit_flip_in_the_signature_is_rejected(byte[] body, PositiveInt position, byte bit)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var header = SnykSignature.Default.Sign(body ?? [], keys).Headers.GetValue(SnykSignature.SignatureHeaderName)!;
        var mac = Convert.FromHexString(header["sha256=".Length..]);
        mac[position.Get % mac.Length] ^= (byte)(1 << (bit % 8));
        var tampered = "sha256=" + Convert.ToHexString(mac);

        return SnykSignature.Default.Verify(tampered, body ?? [], keys).FailureReason == WebhookFailureReason.SignatureMismatch;
    }

    [Property(MaxTest = Cases)]
    public bool Any_change_to_the_signed_infisical_timestamp_is_rejected(PositiveInt delta)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var scheme = new InfisicalSignature(new WebhookSchemeOptions { TimeProvider = new FakeTimeProvider(at), Tolerance = TimeSpan.FromDays(365) });
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var signed = scheme.Sign("""{"event":"test"}"""u8, keys);
        var header = signed.Headers.GetValue(InfisicalSignature.SignatureHeaderName)!;
        var forged = $"t={at.ToUnixTimeMilliseconds() + delta.Get};{header[(header.IndexOf(';', StringComparison.Ordinal) + 1)..]}";

        return scheme.Verify(forged, signed.Body.Span, keys).FailureReason == WebhookFailureReason.TimestampNotSigned;
    }

    [Property(MaxTest = Cases)]
    public bool Arbitrary_headers_and_bodies_never_throw_and_never_verify(string header, byte[] body)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var headers = new WebhookHeaders();
        if (header is not null)
        {
            headers.Add(InfisicalSignature.SignatureHeaderName, header);
            headers.Add(SnykSignature.SignatureHeaderName, header);
            headers.Add(GitHubSignature.SignatureHeaderName, header);
        }

        WebhookScheme[] schemes = [InfisicalSignature.Default, SnykSignature.Default, GitHubSignature.Default];
        return schemes.All(s => !s.Verify(headers, body ?? [], keys).IsValid && s.DescribeDelivery(headers, body ?? []) is var _);
    }

    [Property(MaxTest = Cases)]
    public bool Headers_that_look_almost_right_never_throw(PositiveInt t, NonNull<string> tail, bool semicolon)
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        var header = $"t={t.Get}{(semicolon ? ";" : ",")}{tail.Get}";

        return !InfisicalSignature.Default.Verify(header, """{"timestamp":1}"""u8, keys).IsValid
            && !SnykSignature.Default.Verify("sha256=" + tail.Get, "{}"u8, keys).IsValid;
    }

    [Fact]
    public void Large_bodies_round_trip_at_the_boundaries()
    {
        using var keys = KeyRing.FromSecrets(TestKeys.Secret);
        foreach (var size in new[] { 0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 1024 * 1024, 2 * 1024 * 1024 })
        {
            var body = new byte[size];
            Random.Shared.NextBytes(body);
            var signed = GitHubSignature.Default.Sign(body, keys);

            GitHubSignature.Default.Verify(signed.Headers, body, keys).IsValid.Should().BeTrue("a {0}-byte body was signed", size);
        }
    }

    private static byte[] JsonObjectWith(string text)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("event", "test");
            writer.WriteString("data", text);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
