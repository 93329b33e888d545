using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Schemes.Shopify;

namespace WebhookSignatures.Tests.Schemes;

public sealed class ShopifySignatureTests
{
    private const string Secret = "shopify-client-secret-0123";
    private static readonly byte[] Body = """{"id":820982911946154508,"email":"jon@example.com"}"""u8.ToArray();

    [Fact]
    public void The_signature_is_the_base64_hmac_of_the_body()
    {
        ShopifySignature.CreateSignatureHeader(Body, Encoding.UTF8.GetBytes(Secret))
            .Should().Be(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Body)));
    }

    [Fact]
    public void The_topic_and_webhook_id_describe_but_do_not_identify_a_delivery()
    {
        using var keys = KeyRing.FromSecrets(Secret);
        var signature = ShopifySignature.CreateSignatureHeader(Body, Encoding.UTF8.GetBytes(Secret));
        var headers = new WebhookHeaders
        {
            { ShopifySignature.SignatureHeaderName, signature },
            { ShopifySignature.TopicHeaderName, "orders/create" },
            { ShopifySignature.WebhookIdHeaderName, "b54557e4" },
        };
        var other = new WebhookHeaders { { ShopifySignature.SignatureHeaderName, signature }, { ShopifySignature.WebhookIdHeaderName, "another-id" } };

        var result = ShopifySignature.Default.Verify(new(headers, Body), keys, WebhookReadParts.All);

        result.Description.Should().Be(new WebhookDeliveryDescription("orders/create", false, "b54557e4", false));
        result.Identity.Should().Be(ShopifySignature.Default.Verify(new(other, Body), keys, WebhookReadParts.Identity).Identity);
        result.Identity.Should().Be(WebhookDeliveryIdentity.FromSignedContent(default, Body));
    }

    [Theory]
    [InlineData("sha256=abc")]
    [InlineData("HtKYPtqYw8fFkkNorehUJ5Jn84ra/FaSuUtAD8DAyaw")]
    [InlineData("%%%%")]
    public void A_signature_that_is_not_32_bytes_of_base64_is_malformed(string signature)
    {
        using var keys = KeyRing.FromSecrets(Secret);

        ShopifySignature.Default.VerifySignatureHeader(signature, Body, keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }
}
