namespace WebhookSignatures.Tests;

/// <summary>Verifies deliveries the way a receiver does, for tests that hold only a signature header's value.</summary>
internal static class SchemeVerification
{
    /// <summary>Verifies a delivery whose one header is the scheme's signature header (its first header name); none when null.</summary>
    public static WebhookVerificationResult VerifySignatureHeader(
        this WebhookScheme scheme, string? signatureHeader, ReadOnlySpan<byte> body, KeyRing keys, WebhookReadParts parts = WebhookReadParts.None)
    {
        var headers = new WebhookHeaders();
        if (signatureHeader is not null)
        {
            headers.Add(scheme.HeaderNames[0], signatureHeader);
        }

        return scheme.Verify(new WebhookDelivery(headers, body), keys, parts);
    }

    /// <summary>Verifies what a scheme signed, as it arrives, asking for <paramref name="parts"/>.</summary>
    public static WebhookVerificationResult VerifySigned(
        this WebhookScheme scheme, SignedWebhook signed, KeyRing keys, WebhookReadParts parts = WebhookReadParts.None, WebhookRequestTarget target = default) =>
        scheme.Verify(new WebhookDelivery(signed.Headers, signed.Body.Span, target), keys, parts);

    /// <summary>Signs <paramref name="body"/> as the sender does, then verifies it as it arrives, asking for <paramref name="parts"/>.</summary>
    public static WebhookVerificationResult SignAndRead(
        this WebhookScheme scheme, ReadOnlySpan<byte> body, KeyRing keys, WebhookReadParts parts, WebhookSigningParameters parameters = default)
    {
        var signed = scheme.Sign(body, keys, parameters);
        var result = scheme.VerifySigned(signed, keys, parts, parameters.Target);
        return result.IsValid ? result : throw new InvalidOperationException($"What {scheme} signed does not verify: {result}.");
    }
}
