using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebhookSignatures.Ed25519;

namespace WebhookSignatures.AspNetCore;

/// <summary>Adds webhook signature verification to an application's services.</summary>
public static class WebhookSignaturesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the delivery pipeline, the scheme catalog (every built-in sender, with Ed25519 signatures), the in-memory
    /// delivery store, logging and metrics, and returns a builder to register schemes:
    /// <c>services.AddWebhookSignatures().AddStripe("stripe", configuration.GetSection("Webhooks:Stripe"))</c>.
    /// Calling it again returns a builder over the same registrations.
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static WebhookSignaturesBuilder AddWebhookSignatures(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        services.AddMetrics();

        // The catalog the registrations name their schemes in: the built-in one, then the application's own schemes in
        // the order added (one of the same name replaces the built-in).
        services.TryAddSingleton(static sp => sp.GetServices<WebhookSchemeAddition>()
            .Aggregate(WebhookSchemeCatalog.BuiltIn.WithEd25519(), static (catalog, added) => catalog.With(added.Scheme)));
        services.TryAddSingleton(static sp => new WebhookRegistrations(
            sp.GetServices<WebhookRegistration>(),
            sp.GetRequiredService<WebhookSchemeCatalog>(),
            sp.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>(),
            GetTime(sp)));
        services.TryAddSingleton<IWebhookDeliveryStore>(CreateMemoryStore);
        services.TryAddSingleton(static sp => new WebhookStoreRetries(GetTime(sp), sp.GetRequiredService<ILogger<WebhookStoreRetries>>()));
        services.TryAddSingleton(static sp => new WebhookLeaseRenewal(GetTime(sp)));
        services.TryAddSingleton<WebhookSignatureMetrics>();
        services.TryAddSingleton(static sp => new WebhookExactlyOnce(
            sp.GetRequiredService<IWebhookDeliveryStore>(),
            sp.GetRequiredService<WebhookStoreRetries>(),
            sp.GetRequiredService<WebhookLeaseRenewal>(),
            sp.GetRequiredService<WebhookSignatureMetrics>(),
            sp.GetRequiredService<ILogger<WebhookExactlyOnce>>(),
            GetTime(sp)));
        services.TryAddSingleton(static sp => new WebhookDeliveryPipeline(
            sp.GetRequiredService<WebhookRegistrations>(),
            sp.GetRequiredService<WebhookExactlyOnce>(),
            sp.GetRequiredService<WebhookSignatureMetrics>(),
            new WebhookSecretMismatchWatch(GetTime(sp), sp.GetRequiredService<ILogger<WebhookDeliveryPipeline>>()),
            sp.GetRequiredService<ILogger<WebhookDeliveryPipeline>>(),
            GetTime(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookRegistrationOptions>, WebhookRegistrationOptionsValidator>());

        // Fail closed on misconfiguration: every endpoint carrying a signature requirement is verified whatever the
        // middleware order (or ShortCircuit), and endpoints whose requirements contradict refuse to start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, WebhookSignatureMatcherPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebhookSignatureStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebhookSecretWhitespaceCheck>());

        // The names already taken live in the collection itself, so a second call sees the first one's registrations.
        var names = services.FirstOrDefault(d => d.ServiceType == typeof(WebhookRegistrationNames))?.ImplementationInstance as WebhookRegistrationNames;
        if (names is null)
        {
            names = new WebhookRegistrationNames();
            services.AddSingleton(names);
        }

        return new WebhookSignaturesBuilder(services, names);
    }

    /// <summary>The in-memory store on the application's clock, which a default host does not register as a service.</summary>
    internal static IWebhookDeliveryStore CreateMemoryStore(IServiceProvider services) =>
        new MemoryWebhookDeliveryStore(services.GetRequiredService<IOptions<WebhookMemoryDeliveryStoreOptions>>(), GetTime(services));

    // Tests and applications can register a TimeProvider (such as FakeTimeProvider); the system clock otherwise.
    private static TimeProvider GetTime(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
