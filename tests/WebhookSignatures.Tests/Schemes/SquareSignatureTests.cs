using System.Security.Cryptography;
using System.Text;
using WebhookSignatures.Schemes.Square;

namespace WebhookSignatures.Tests.Schemes;

public sealed class SquareSignatureTests
{
    private const string SignatureKey = "asdf1234asdf1234asdf1234";
    private static readonly Uri NotificationUrl = new("https://hooks.acme.example/square");
    private static readonly byte[] Body = """{"merchant_id":"M1","type":"payment.created","event_id":"13b867cf-db3e"}"""u8.ToArray();

    [Fact]
    public void The_signature_is_the_base64_hmac_of_the_notification_url_and_the_body()
    {
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SignatureKey), (byte[])[.. Encoding.UTF8.GetBytes(NotificationUrl.OriginalString), .. Body]));

        SquareSignature.CreateSignatureHeader(NotificationUrl, Body, Encoding.UTF8.GetBytes(SignatureKey)).Should().Be(expected);
    }

    [Fact]
    public void Another_url_is_a_mismatch_and_no_url_fails_closed()
    {
        using var keys = KeyRing.FromSecrets(SignatureKey);
        var signed = SquareSignature.Default.Sign(Body, keys, new() { Target = WebhookRequestTarget.Post(NotificationUrl) });

        SquareSignature.Default.Verify(new(signed.Headers, Body, WebhookRequestTarget.Post(NotificationUrl)), keys).IsValid.Should().BeTrue();
        SquareSignature.Default.Verify(new(signed.Headers, Body, WebhookRequestTarget.Post(new Uri("https://hooks.acme.example/square/"))), keys).FailureReason.Should().Be(WebhookFailureReason.SignatureMismatch);
        SquareSignature.Default.Verify(new(signed.Headers, Body), keys).FailureReason.Should().Be(WebhookFailureReason.MissingRequestUrl);
    }

    [Fact]
    public void A_delivery_is_identified_by_its_signed_event_id_else_by_url_and_body()
    {
        using var keys = KeyRing.FromSecrets(SignatureKey);
        var target = WebhookRequestTarget.Post(NotificationUrl);

        SquareSignature.Default.SignAndRead(Body, keys, WebhookReadParts.Identity, new() { Target = target }).Identity
            .Should().Be(WebhookDeliveryIdentity.FromSignedId("13b867cf-db3e"));
        var withoutId = SquareSignature.Default.SignAndRead("{}"u8, keys, WebhookReadParts.Identity, new() { Target = target }).Identity;
        withoutId.Source.Should().Be(WebhookDeliveryIdentitySource.SignedContent);
        withoutId.Should().Be(WebhookDeliveryIdentity.FromSignedContent(Encoding.UTF8.GetBytes(NotificationUrl.OriginalString), "{}"u8));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("7pzKeFXEjAbzpV2vGpYg2IhcIpEpARTDk1t+XWSGB5Q=AAAA")]
    public void A_signature_that_is_not_32_bytes_of_base64_is_malformed(string signature)
    {
        using var keys = KeyRing.FromSecrets(SignatureKey);
        var headers = new WebhookHeaders { { SquareSignature.SignatureHeaderName, signature } };

        SquareSignature.Default.Verify(new(headers, Body, WebhookRequestTarget.Post(NotificationUrl)), keys).FailureReason.Should().Be(WebhookFailureReason.MalformedSignature);
    }

    [Fact]
    public void The_event_and_delivery_id_come_from_the_signed_body()
    {
        using var keys = KeyRing.FromSecrets(SignatureKey);

        SquareSignature.Default.SignAndRead(Body, keys, WebhookReadParts.Description, new() { Target = WebhookRequestTarget.Post(NotificationUrl) }).Description
            .Should().Be(new WebhookDeliveryDescription("payment.created", true, "13b867cf-db3e", true));
    }
}
