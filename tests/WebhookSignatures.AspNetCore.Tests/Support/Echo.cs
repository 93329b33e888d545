using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>
/// The handler every shape runs: it reads the body again the ordinary way and reports what the
/// verification feature says, so responses can be compared across shapes.
/// </summary>
public static class Echo
{
    public static async Task<string> DescribeAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<HandlerRuns>().Increment();
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy);
        var feature = context.GetWebhookVerification();
        if (feature is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"unverified|{copy.Length}");
        }

        var sameBytes = CryptographicOperations.FixedTimeEquals(copy.ToArray(), feature.Body.Span);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{feature.RegistrationName}|{feature.Scheme.Name}|key={feature.Result.MatchedKeyIndex}|t={feature.Result.TimestampUnixMs}|event={feature.EventName}|delivery={feature.DeliveryId}|reread={sameBytes}|length={copy.Length}");
    }
}
