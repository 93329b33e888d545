using System.Globalization;
using System.Text;
using WebhookSignatures.Schemes.Hub;
using WebhookSignatures.Schemes.StandardWebhooks;

namespace WebhookSignatures.Soak;

/// <summary>
/// Signs deliveries as their sender does, in process with the library's own schemes. Standard Webhooks re-signs every
/// attempt under the delivery's id with a new timestamp (the bytes differ, the signed id does not); GitHub sends the
/// same bytes every time.
/// </summary>
public sealed class SoakSigner : IDisposable
{
    private readonly WebhookScheme _scheme;
    private readonly KeyRing _keys;
    private readonly KeyRing _forgedKeys;

    public SoakSigner(string scheme, string secret)
    {
        _scheme = scheme switch
        {
            StandardWebhooksSignature.SchemeName => StandardWebhooksSignature.Default,
            GitHubSignature.SchemeName => GitHubSignature.Default,
            _ => throw new ArgumentException($"The soak signs standard-webhooks or github deliveries, not '{scheme}'.", nameof(scheme)),
        };
        _keys = _scheme.CreateKeyRing([secret]);
        _forgedKeys = _scheme.CreateKeyRing([_scheme is StandardWebhooksSignature ? StandardWebhooksSignature.GenerateSecret() : KeyRing.GenerateSecret()]);
    }

    /// <summary>Whether a delivery signed long ago is refused: only for a scheme that signs its timestamp.</summary>
    public bool SignsTimestamp => _scheme.SignsTimestamp;

    /// <summary>The body of a delivery: its id first, as the application reads it.</summary>
    public static byte[] Body(string id, int sender, int sequence) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"id\":\"{id}\",\"type\":\"soak.delivery\",\"data\":{{\"sender\":{sender},\"sequence\":{sequence},\"note\":\"handled exactly once\"}}}}"));

    /// <summary>One attempt of a delivery, signed now (Standard Webhooks) or as the first time (GitHub).</summary>
    public SignedWebhook Sign(SoakDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_scheme.SignsTimestamp)
        {
            return _scheme.Sign(delivery.Body, _keys, At(DateTimeOffset.UtcNow, delivery.Id));
        }

        return delivery.Signed ??= _scheme.Sign(delivery.Body, _keys);
    }

    /// <summary>Signed with a secret the receivers do not hold.</summary>
    public SignedWebhook Forge(byte[] body) => _scheme.Sign(body, _forgedKeys, At(DateTimeOffset.UtcNow, "msg_forged"));

    /// <summary>Signed ten minutes ago, outside the receivers' five-minute window.</summary>
    public SignedWebhook Stale(byte[] body, string id) => _scheme.Sign(body, _keys, At(DateTimeOffset.UtcNow.AddMinutes(-10), id));

    /// <summary>A correctly signed delivery with one body byte changed afterwards.</summary>
    public SignedWebhook Tamper(byte[] body, string id)
    {
        var signed = _scheme.Sign(body, _keys, At(DateTimeOffset.UtcNow, id));
        var changed = signed.Body.ToArray();
        changed[^4] ^= 0x01; // inside "note", so the id still reads
        return new SignedWebhook(changed, signed.Headers, signed.TimestampUnixMs);
    }

    private static WebhookSigningParameters At(DateTimeOffset timestamp, string deliveryId) => new() { Timestamp = timestamp, DeliveryId = deliveryId };

    public void Dispose()
    {
        _keys.Dispose();
        _forgedKeys.Dispose();
    }
}
