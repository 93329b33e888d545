using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;
using WebhookSignatures.Sending;
using Xunit.Abstractions;

namespace WebhookSignatures.Http.Tests.Delivery;

/// <summary>
/// During a rotation the sender signs with the new key and the previous one: receivers that hold only the old key and
/// receivers that hold only the new one both accept, this project's on Kestrel and the senders' own libraries.
/// </summary>
public sealed class RotationDeliveryTests(ITestOutputHelper output)
{
    private static readonly byte[] Body = """{"id":"evt_1RotationCheck","object":"event","type":"invoice.paid"}"""u8.ToArray();

    [Fact]
    public async Task Old_key_only_and_new_key_only_standard_webhooks_receivers_both_accept_during_a_rotation()
    {
        var (oldSecret, newSecret) = (StandardWebhooksSignature.GenerateSecret(), StandardWebhooksSignature.GenerateSecret());
        await using var receiver = await RetryReceiver.StartAsync(
            new Dictionary<string, string[]> { ["/hooks/old"] = [oldSecret], ["/hooks/new"] = [newSecret] },
            _ => FrontBehaviour.PassThrough);
        using var ring = StandardWebhooksSignature.Default.CreateKeyRing([newSecret, oldSecret]);
        using var signing = ring.WithPreviousKeySigningUntil(DateTimeOffset.UtcNow.AddDays(7));
        var services = new ServiceCollection();
        services.AddHttpClient("hooks").AddWebhookDelivery(o =>
        {
            o.Scheme = StandardWebhooksSignature.Default;
            o.Keys = signing;
            o.AllowHttpToLoopback = true;
        });
        await using var provider = services.BuildServiceProvider();
        using var sender = new WebhookSender(provider.GetRequiredService<IHttpClientFactory>().CreateClient("hooks"));

        var toOld = await sender.DeliverAsync(new Uri(receiver.Address, "/hooks/old"), Body);
        var toNew = await sender.DeliverAsync(new Uri(receiver.Address, "/hooks/new"), Body);

        foreach (var attempt in receiver.Arrived)
        {
            output.WriteLine($"{attempt.Path}: webhook-signature {attempt.Headers["webhook-signature"]} -> {attempt.ReceiverStatus}");
        }

        (toOld.Outcome, toOld.Attempts).Should().Be((WebhookDeliveryOutcome.Delivered, 1), "a receiver holding only the old key accepts");
        (toNew.Outcome, toNew.Attempts).Should().Be((WebhookDeliveryOutcome.Delivered, 1), "a receiver holding only the new key accepts");
        receiver.HandlerRuns.Should().Be(2);
        receiver.Arrived.Should().AllSatisfy(a => a.Headers["webhook-signature"].Split(' ').Should().HaveCount(2));

        var arrived = receiver.Arrived.First();
        var checks = new[] { "standardwebhooks", "svix" }.SelectMany(library => new[] { oldSecret, newSecret }.Select(secret => new ReferenceCheck(library, secret, arrived.Headers, arrived.Body))).ToList();
        await VerifyAllAsync(checks);
    }

    [Fact]
    public async Task Stripe_receivers_with_only_the_old_or_only_the_new_secret_both_accept_during_a_rotation()
    {
        const string OldSecret = "whsec_old0rotation0secret0for0stripe";
        const string NewSecret = "whsec_new0rotation0secret0for0stripe";
        using var signing = KeyRing.FromSecrets(NewSecret, OldSecret).WithPreviousKeySigningUntil(DateTimeOffset.UtcNow.AddDays(7));

        var signed = StripeSignature.Default.Sign(Body, signing);

        var headers = signed.Headers.ToDictionary(h => h.Key, h => h.Value);
        output.WriteLine($"Stripe-Signature: {headers["Stripe-Signature"]}");
        headers["Stripe-Signature"].Split(',').Count(item => item.StartsWith("v1=", StringComparison.Ordinal)).Should().Be(2);
        await VerifyAllAsync([new("stripe", OldSecret, headers, signed.Body.ToArray()), new("stripe", NewSecret, headers, signed.Body.ToArray())]);
        foreach (var only in new[] { OldSecret, NewSecret })
        {
            using var keys = KeyRing.FromSecrets(only);
            StripeSignature.Default.Verify(new WebhookDelivery(signed.Headers, signed.Body.Span), keys).IsValid.Should().BeTrue();
        }
    }

    [Fact]
    public async Task The_reference_libraries_reject_a_signature_by_a_key_they_do_not_hold()
    {
        // Without this the checks above could pass against a library that accepts anything.
        var secret = StandardWebhooksSignature.GenerateSecret();
        using var keys = StandardWebhooksSignature.Default.CreateKeyRing([StandardWebhooksSignature.GenerateSecret()]);
        var signed = StandardWebhooksSignature.Default.Sign(Body, keys);
        using var stripeKeys = KeyRing.FromSecrets("whsec_some0other0stripe0secret");
        var stripe = StripeSignature.Default.Sign(Body, stripeKeys);

        var results = await ReferenceLibraries.VerifyAsync(
        [
            new("standardwebhooks", secret, signed.Headers.ToDictionary(h => h.Key, h => h.Value), Body),
            new("svix", secret, signed.Headers.ToDictionary(h => h.Key, h => h.Value), Body),
            new("stripe", "whsec_not0the0signing0secret", stripe.Headers.ToDictionary(h => h.Key, h => h.Value), Body),
        ]);

        results.Should().AllSatisfy(r => r.Ok.Should().BeFalse());
    }

    private async Task VerifyAllAsync(IReadOnlyList<ReferenceCheck> checks)
    {
        var results = await ReferenceLibraries.VerifyAsync(checks);
        foreach (var (check, result) in checks.Zip(results))
        {
            output.WriteLine($"{check.Library} with key {checks.Where(c => c.Library == check.Library).ToList().IndexOf(check) + 1}: {(result.Ok ? "verified" : result.Error)}");
        }

        results.Should().HaveCount(checks.Count).And.AllSatisfy(r => r.Ok.Should().BeTrue(r.Error));
    }
}
