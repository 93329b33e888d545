using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>Deliveries and tokens shaped as the verifier makes them.</summary>
public static class Deliveries
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>A delivery no other test uses.</summary>
    public static WebhookDeliveryKey NewKey(string registration = "stripe") =>
        new(registration, WebhookDeliveryIdentity.FromSignedId($"evt_{Guid.NewGuid():N}"));

    /// <summary>32 lowercase hex digits, as the verifier's tokens are.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N");

    /// <summary>The Redis key the store uses for <paramref name="key"/> under <paramref name="prefix"/>.</summary>
    public static string RedisKeyOf(WebhookDeliveryKey key, string prefix) => prefix + key.ToString();
}
