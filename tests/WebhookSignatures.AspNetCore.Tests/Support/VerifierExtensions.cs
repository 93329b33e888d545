using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Drives the verifier directly on a hand-made context, as the adapters do before running a handler.</summary>
internal static class VerifierExtensions
{
    /// <summary>Whether the handler would run; a reservation taken is left to the context's end, as an adapter would settle it.</summary>
    public static async Task<bool> VerifyAsync(this WebhookRequestVerifier verifier, HttpContext context, string registrationName) =>
        (await verifier.AdmitAsync(context, registrationName)).Admitted;
}
