using System.Text;
using WebhookSignatures.Schemes.StandardWebhooks;
using WebhookSignatures.Schemes.Stripe;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Deliveries as re-signing senders make them: Standard Webhooks (Svix) and Stripe, for <see cref="ScriptedReceiver"/>.</summary>
public static class SenderDeliveries
{
    /// <summary>A Standard Webhooks delivery of <paramref name="body"/> with message id <paramref name="id"/>, signed at <paramref name="at"/>.</summary>
    public static HttpRequestMessage Standard(string body, string id, DateTimeOffset at)
    {
        var scheme = new StandardWebhooksSignature();
        using var keys = scheme.CreateKeyRing([ScriptedReceiver.StandardSecret]);
        var signed = scheme.Sign(Encoding.UTF8.GetBytes(body), keys, new() { Timestamp = at, DeliveryId = id });
        return Deliveries.Post("/hooks/standard-webhooks", signed.Body.ToArray(), [.. signed.Headers.Select(h => (h.Key, h.Value))]);
    }

    /// <summary>
    /// A Stripe delivery of <paramref name="body"/> signed at <paramref name="at"/> with each of <paramref name="secrets"/>
    /// (one <c>v1</c> per secret, as Stripe sends during a rotation).
    /// </summary>
    public static HttpRequestMessage Stripe(string body, DateTimeOffset at, params string[] secrets)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var seconds = at.ToUnixTimeSeconds();
        var signatures = secrets.Select(secret => StripeSignature.CreateSignatureHeader(seconds, bytes, Encoding.UTF8.GetBytes(secret)).Split(',')[1]);
        return Deliveries.Post("/hooks/stripe", bytes, (StripeSignature.SignatureHeaderName, $"t={seconds}," + string.Join(',', signatures)));
    }

    /// <summary>A copy of <paramref name="request"/>, byte for byte: what a sender's retry or an attacker's replay sends.</summary>
    public static async Task<HttpRequestMessage> CopyAsync(HttpRequestMessage request)
    {
        var copy = Deliveries.Post(request.RequestUri!.ToString(), await request.Content!.ReadAsByteArrayAsync());
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
