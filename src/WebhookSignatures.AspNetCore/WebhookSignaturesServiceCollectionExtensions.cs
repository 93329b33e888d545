using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>Adds webhook signature verification to an application's services.</summary>
public static class WebhookSignaturesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the verifier, the in-memory delivery store, logging and metrics, and returns a builder to register
    /// schemes: <c>services.AddWebhookSignatures().AddInfisical("infisical", configuration.GetSection("Webhooks:Infisical"))</c>.
    /// Calling it again returns a builder over the same registrations.
    /// </summary>
    /// <param name="services">The application's services.</param>
    public static WebhookSignaturesBuilder AddWebhookSignatures(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(static sp => new WebhookRegistrationCatalog(
            sp.GetServices<WebhookRegistration>(),
            sp.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>(),
            GetTime(sp)));
        services.TryAddSingleton<IWebhookDeliveryStore>(CreateMemoryStore);
        services.TryAddSingleton<WebhookSignatureMetrics>();
        services.TryAddSingleton(static sp => new WebhookRequestVerifier(
            sp.GetRequiredService<WebhookRegistrationCatalog>(),
            sp.GetRequiredService<IWebhookDeliveryStore>(),
            sp.GetRequiredService<WebhookSignatureMetrics>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WebhookRequestVerifier>>(),
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

    /// <summary>The in-memory store, on the application's clock or the system's: a default host registers no <see cref="TimeProvider"/>.</summary>
    internal static IWebhookDeliveryStore CreateMemoryStore(IServiceProvider services) => new MemoryWebhookDeliveryStore(
        services.GetRequiredService<IOptions<WebhookMemoryDeliveryStoreOptions>>(),
        GetTime(services));

    // Tests and applications can register a TimeProvider (such as FakeTimeProvider); the system clock otherwise.
    private static TimeProvider GetTime(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;
}
