using System.Text;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>Keys, tokens and signed Standard Webhooks deliveries, as the pipeline and a sender make them.</summary>
public static class Deliveries
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static WebhookDeliveryKey NewKey(string registration = "orders") =>
        new(registration, WebhookDeliveryIdentity.FromSignedId($"msg_{Guid.NewGuid():N}"));

    public static string NewToken() => Guid.NewGuid().ToString("N");

    /// <summary>A delivery of <paramref name="id"/> signed now, its body <c>{"id":…}</c>, to <c>/hooks/orders</c>.</summary>
    public static HttpRequestMessage Signed(string id, string? crashPoint = null)
    {
        var scheme = new StandardWebhooksSignature();
        using var keys = scheme.CreateKeyRing([Secret]);
        var signed = scheme.Sign(Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"type\":\"order.paid\"}}"), keys, new() { Timestamp = DateTimeOffset.UtcNow, DeliveryId = id });
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new ByteArrayContent(signed.Body.ToArray()) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (crashPoint is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Test-Crash-Point", crashPoint);
        }

        return request;
    }
}
