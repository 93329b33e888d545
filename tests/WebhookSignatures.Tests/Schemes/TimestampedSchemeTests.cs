using Microsoft.Extensions.Time.Testing;

namespace WebhookSignatures.Tests.Schemes;

public sealed class TimestampedSchemeTests
{
    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void A_signed_delivery_verifies_and_reports_the_signed_timestamp_in_milliseconds(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);

        var signed = scheme.Sign(TimestampedSchemes.Body, keys);
        var result = scheme.Verify(new(signed.Headers, signed.Body.Span), keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.MatchedKeyIndex.Should().Be(0);
        result.TimestampUnixMs.Should().Be(TimestampedSchemes.Now.ToUnixTimeMilliseconds());
        signed.TimestampUnixMs.Should().Be(TimestampedSchemes.Now.ToUnixTimeMilliseconds());
        signed.Body.ToArray().Should().Equal(TimestampedSchemes.Body);
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void A_delivery_signed_with_an_explicit_timestamp_carries_that_timestamp(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var when = TimestampedSchemes.Now.AddSeconds(-30);

        var signed = scheme.Sign(TimestampedSchemes.Body, keys, new() { Timestamp = when });
        var result = scheme.Verify(new(signed.Headers, signed.Body.Span), keys);

        result.IsValid.Should().BeTrue(result.ToString());
        result.TimestampUnixMs.Should().Be(when.ToUnixTimeMilliseconds());
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void A_changed_body_byte_is_a_signature_mismatch(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var signed = scheme.Sign(TimestampedSchemes.Body, keys);
        var tampered = signed.Body.ToArray();
        tampered[^2] ^= 0x01;

        var result = scheme.Verify(new(signed.Headers, tampered), keys);

        result.FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Theory]
    [MemberData(nameof(RotationCases))]
    public void The_ring_position_of_the_signing_secret_is_reported_whether_first_middle_or_last(string name, int signingIndex)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var signer = scheme.CreateKeyRing([TimestampedSchemes.Secrets[signingIndex]]);
        using var receiver = scheme.CreateKeyRing(TimestampedSchemes.Secrets);

        var signed = scheme.Sign(TimestampedSchemes.Body, signer);
        var result = scheme.Verify(new(signed.Headers, signed.Body.Span), receiver);

        result.IsValid.Should().BeTrue(result.ToString());
        result.MatchedKeyIndex.Should().Be(signingIndex);
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void A_secret_outside_the_ring_is_a_signature_mismatch(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var signer = scheme.CreateKeyRing([TimestampedSchemes.Secrets[2]]);
        using var receiver = scheme.CreateKeyRing(TimestampedSchemes.Secrets[..2]);

        var signed = scheme.Sign(TimestampedSchemes.Body, signer);

        scheme.Verify(new(signed.Headers, signed.Body.Span), receiver).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void The_replay_window_includes_its_edges_and_excludes_anything_beyond_in_both_directions(string name, long clockOffsetMs, WebhookFailureReason expected)
    {
        var signer = TimestampedSchemes.Create(name);
        var receiver = TimestampedSchemes.Create(name, new FakeTimeProvider(TimestampedSchemes.Now.AddMilliseconds(clockOffsetMs)), TimeSpan.FromMinutes(5));
        using var keys = signer.CreateKeyRing(TimestampedSchemes.Secrets);
        var signed = signer.Sign(TimestampedSchemes.Body, keys, new() { Timestamp = TimestampedSchemes.Now });

        var result = receiver.Verify(new(signed.Headers, signed.Body.Span), keys);

        result.FailureReason.Should().Be(expected);
        result.TimestampUnixMs.Should().Be(TimestampedSchemes.Now.ToUnixTimeMilliseconds(), "a matched signature keeps its signed timestamp");
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void An_empty_ring_fails_closed(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var signed = scheme.Sign(TimestampedSchemes.Body, keys);

        scheme.Verify(new(signed.Headers, signed.Body.Span), KeyRing.Empty).FailureReason.Should().Be(WebhookFailureReason.NoSecrets);
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void No_headers_at_all_is_a_missing_signature(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);

        scheme.Verify(new(new WebhookHeaders(), TimestampedSchemes.Body), keys).FailureReason.Should().Be(WebhookFailureReason.MissingSignature);
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void Signing_with_an_empty_ring_is_refused(string name)
    {
        var scheme = TimestampedSchemes.Create(name);

        var sign = () => scheme.Sign(TimestampedSchemes.Body, KeyRing.Empty);

        sign.Should().Throw<ArgumentException>();
    }

    [Theory]
    [MemberData(nameof(TimestampedSchemes.Names), MemberType = typeof(TimestampedSchemes))]
    public void A_body_split_over_several_buffers_verifies_like_one_buffer(string name)
    {
        var scheme = TimestampedSchemes.Create(name);
        using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
        var signed = scheme.Sign(TimestampedSchemes.Body, keys);

        using var body = WebhookBody.From(Segments.InThree(signed.Body.ToArray()));
        var result = scheme.Verify(new(signed.Headers, body.Span), keys);

        result.IsValid.Should().BeTrue(result.ToString());
    }

    public static TheoryData<string, int> RotationCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in TimestampedSchemes.Names)
        {
            for (var index = 0; index < TimestampedSchemes.Secrets.Length; index++)
            {
                data.Add(name, index);
            }
        }

        return data;
    }

    public static TheoryData<string, long, WebhookFailureReason> EdgeCases()
    {
        const long tolerance = 5 * 60 * 1000;
        var data = new TheoryData<string, long, WebhookFailureReason>();
        foreach (var name in TimestampedSchemes.Names)
        {
            data.Add(name, 0, WebhookFailureReason.None);
            data.Add(name, tolerance, WebhookFailureReason.None);
            data.Add(name, tolerance + 1, WebhookFailureReason.TimestampTooOld);
            data.Add(name, tolerance + 1000, WebhookFailureReason.TimestampTooOld);
            data.Add(name, -tolerance, WebhookFailureReason.None);
            data.Add(name, -tolerance - 1, WebhookFailureReason.TimestampTooNew);
            data.Add(name, -tolerance - 1000, WebhookFailureReason.TimestampTooNew);
        }

        return data;
    }
}
