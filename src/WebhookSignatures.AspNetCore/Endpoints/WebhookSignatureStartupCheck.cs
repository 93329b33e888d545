using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Refuses to start an application with an endpoint whose signature requirement cannot be met: one naming no
/// registration, or requirements naming several. The message names the endpoint and the fix.
/// </summary>
internal sealed class WebhookSignatureStartupCheck(IServiceProvider services) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);

        // The application's pipeline (and so its endpoints) is complete once the rest of the chain has run.
        var registered = services.GetService<WebhookRegistrationNames>()?.Names ?? [];
        var problems = new List<string>();
        foreach (var endpoint in services.GetService<EndpointDataSource>()?.Endpoints ?? [])
        {
            var requirement = WebhookSignatureRequirement.From(endpoint.Metadata);
            if (requirement.Problem is { } problem)
            {
                problems.Add($"Endpoint '{endpoint.DisplayName}': {problem}");
            }
            else if (requirement.RegistrationName is { } name && !registered.Contains(name))
            {
                problems.Add($"Endpoint '{endpoint.DisplayName}' requires a webhook signature from '{name}', and no registration has that name. "
                    + $"Register it with services.AddWebhookSignatures().Add<Sender>(\"{name}\", …) or Add(\"{name}\", <scheme name>, …).");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }
    };
}
