using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Makes routing select, for every endpoint that carries a signature requirement but does not verify it itself
/// (an attribute on a minimal API handler, <c>WithMetadata</c>), an endpoint whose delegate verifies first. Routing
/// runs it whatever the order of middleware and also for <c>ShortCircuit()</c> endpoints, so such an endpoint never
/// runs unverified, with or without <c>UseWebhookSignatures()</c>.
/// </summary>
internal sealed class WebhookSignatureMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    private readonly ConditionalWeakTable<Endpoint, Endpoint> _enforced = [];

    // After the policies that swap dynamic placeholders for real endpoints (MVC's run at int.MinValue + 100), before
    // policies that may reject candidates by other metadata; the replacement keeps all metadata.
    public override int Order => -1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // A dynamic placeholder (MVC's dynamic routes, a plug-in router) is replaced per request by an endpoint the
        // route table never showed, which may carry a requirement: such candidates are looked at when selected.
        return endpoints.Any(static e => NeedsEnforcing(e) || e.Metadata.GetMetadata<IDynamicEndpointMetadata>() is { IsDynamic: true });
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            ref var candidate = ref candidates[i];
            if (candidates.IsValidCandidate(i) && NeedsEnforcing(candidate.Endpoint))
            {
                candidates.ReplaceEndpoint(i, _enforced.GetValue(candidate.Endpoint, Enforce), candidate.Values);
            }
        }

        return Task.CompletedTask;
    }

    private static bool NeedsEnforcing(Endpoint endpoint) =>
        endpoint.RequestDelegate is not null
        && endpoint.Metadata.GetMetadata<IWebhookSignatureMetadata>() is not null
        && !WebhookSignatureEnforcedMetadata.IsEnforced(endpoint);

    private static Endpoint Enforce(Endpoint endpoint)
    {
        var requirement = WebhookSignatureRequirement.From(endpoint.Metadata);
        var verified = WebhookSignatureEnforcement.Wrap(endpoint.RequestDelegate!, requirement);
        var metadata = new EndpointMetadataCollection([.. endpoint.Metadata, new WebhookSignatureEnforcedMetadata(verified)]);
        return endpoint is RouteEndpoint route
            ? new RouteEndpoint(verified, route.RoutePattern, route.Order, metadata, route.DisplayName)
            : new Endpoint(verified, metadata, endpoint.DisplayName);
    }
}
