using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WebhookSignatures.Schemes.Infisical;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.Tests.Schemes;

/// <summary>Any body a scheme signs verifies, and flipping any one bit of it breaks the signature.</summary>
public sealed class RoundTripProperties
{
    [Property(MaxTest = 100)]
    public Property Standard_webhooks_round_trips_any_body() => RoundTrips(StandardWebhooksSignature.SchemeName);

    [Property(MaxTest = 100)]
    public Property Stripe_round_trips_any_body() => RoundTrips(StripeSignature.SchemeName);

    [Property(MaxTest = 100)]
    public Property Infisical_alerts_round_trips_any_body() => RoundTrips(InfisicalAlertsSignature.SchemeName);

    private static Property RoundTrips(string name) =>
        Prop.ForAll(Arb.Zip(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<int>()), values =>
        {
            var (body, flip) = values;
            body ??= [];
            var scheme = TimestampedSchemes.Create(name);
            using var keys = scheme.CreateKeyRing(TimestampedSchemes.Secrets);
            var signed = scheme.Sign(body, keys);
            var valid = scheme.Verify(signed.Headers, body, keys).IsValid;
            if (body.Length == 0)
            {
                return valid;
            }

            var tampered = (byte[])body.Clone();
            var bit = (int)((uint)flip % (uint)(body.Length * 8));
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            return valid && scheme.Verify(signed.Headers, tampered, keys).FailureReason == WebhookFailureReason.SignatureMismatch;
        });
}
