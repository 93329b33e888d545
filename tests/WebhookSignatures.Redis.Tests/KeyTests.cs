using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Redis.Tests;

/// <summary>The key a delivery is stored under, written in one piece, is the documented prefix, registration and identity.</summary>
public sealed class KeyTests
{
    [Theory]
    [InlineData("webhooksig:")]
    [InlineData("")]
    [InlineData("app:tenant-7:")]
    public void A_delivery_is_keyed_by_the_prefix_then_the_registration_then_its_identity(string prefix)
    {
        var byId = new WebhookDeliveryKey("stripe", WebhookDeliveryIdentity.FromSignedId("evt_1"));
        var byContent = new WebhookDeliveryKey("snyk", WebhookDeliveryIdentity.FromSignedContent(default, "{\"a\":1}"u8));

        RedisWebhookDeliveryStore.KeyOf(prefix, byId).Should().Be(prefix + byId.ToString()).And.StartWith(prefix + "stripe:id:");
        RedisWebhookDeliveryStore.KeyOf(prefix, byContent).Should().Be(prefix + byContent.ToString()).And.StartWith(prefix + "snyk:content:");
        RedisWebhookDeliveryStore.KeyOf(prefix, byContent).Should().MatchRegex("[0-9a-f]{64}$");
    }
}
