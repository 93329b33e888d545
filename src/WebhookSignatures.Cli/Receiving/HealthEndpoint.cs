using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// <c>GET /healthz</c>: 200 and <c>Healthy</c> while the receiver and its delivery store work, 503 otherwise, with
/// one entry per check as JSON: <c>{"status": "Healthy", "checks": {"webhook-delivery-store": {…}}}</c>.
/// </summary>
internal static class HealthEndpoint
{
    public const string Path = "/healthz";

    private const string StoreCheck = "webhook-delivery-store";

    /// <summary>Adds the delivery store's check: Redis answers a PING, or the store is in memory (or off).</summary>
    public static void AddChecks(IServiceCollection services, string? redis, bool exactlyOnce)
    {
        var checks = services.AddHealthChecks();
        if (redis is not null)
        {
            checks.AddRedisWebhookDeliveryStore(StoreCheck);
        }
        else
        {
            var description = exactlyOnce ? "in memory" : "off (--no-exactly-once)";
            checks.AddCheck(StoreCheck, () => HealthCheckResult.Healthy(description));
        }
    }

    public static void Map(WebApplication app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync }).WithMetadata(ToolRoute.Instance);

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new HealthCheckReport(e.Value.Status.ToString(), e.Value.Description, (long)e.Value.Duration.TotalMilliseconds));
        var json = JsonSerializer.Serialize(new HealthReportBody(report.Status.ToString(), checks), CliJsonContext.Output.HealthReportBody);
        return context.Response.WriteAsync(json);
    }
}

/// <summary>The body of <c>/healthz</c>.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="Checks">Each check by name.</param>
internal sealed record HealthReportBody(string Status, IReadOnlyDictionary<string, HealthCheckReport> Checks);

/// <summary>One check in <see cref="HealthReportBody"/>.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="Description">What was found, such as "in memory" or why Redis does not answer.</param>
/// <param name="DurationMs">How long the check took.</param>
internal sealed record HealthCheckReport(string Status, string? Description, long DurationMs);
