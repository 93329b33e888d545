using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Registers webhook schemes under names that endpoints refer to, and chooses the delivery store.
/// Returned by <c>services.AddWebhookSignatures()</c>.
/// </summary>
public sealed class WebhookSignaturesBuilder
{
    private readonly WebhookRegistrationNames _names;

    internal WebhookSignaturesBuilder(IServiceCollection services, WebhookRegistrationNames names)
    {
        Services = services;
        _names = names;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a scheme under <paramref name="registrationName"/>: any <see cref="WebhookScheme"/>, built-in or your own.
    /// </summary>
    /// <param name="registrationName">The name endpoints use in <c>RequireWebhookSignature(name)</c>.</param>
    /// <param name="schemeFactory">
    /// Builds the scheme from the registration's tolerance and the application's <see cref="TimeProvider"/>;
    /// called again after the options change.
    /// </param>
    /// <param name="configure">Sets the registration's options (secrets, limits, replay protection).</param>
    /// <exception cref="InvalidOperationException">The name is already registered.</exception>
    public WebhookSignaturesBuilder AddScheme(string registrationName, Func<WebhookSchemeOptions, WebhookScheme> schemeFactory, Action<WebhookRegistrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Register(registrationName, schemeFactory).Configure(configure);
        return this;
    }

    /// <summary>
    /// Registers a scheme under <paramref name="registrationName"/> with options bound from a configuration section
    /// (keys <c>Secrets:0</c>, <c>Secrets:1</c>, <c>Tolerance</c>, <c>MaxBodySize</c>, <c>ReplayProtection:…</c>).
    /// The section is re-read when the configuration reloads.
    /// </summary>
    /// <param name="registrationName">The name endpoints use in <c>RequireWebhookSignature(name)</c>.</param>
    /// <param name="schemeFactory">Builds the scheme from the registration's tolerance and the application's clock.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <exception cref="InvalidOperationException">The name is already registered.</exception>
    public WebhookSignaturesBuilder AddScheme(string registrationName, Func<WebhookSchemeOptions, WebhookScheme> schemeFactory, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Register(registrationName, schemeFactory).Bind(configuration);
        return this;
    }

    /// <summary>
    /// Keeps the in-memory delivery store (the default, for one instance) and sets its capacity. Several instances
    /// behind one address need a shared atomic store instead, such as the Redis store of <c>WebhookSignatures.Redis</c>.
    /// </summary>
    /// <param name="configure">Sets the capacity per registration.</param>
    public WebhookSignaturesBuilder AddMemoryDeliveryStore(Action<WebhookMemoryDeliveryStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        Services.Replace(ServiceDescriptor.Singleton<IWebhookDeliveryStore>(WebhookSignaturesServiceCollectionExtensions.CreateMemoryStore));
        return this;
    }

    /// <summary>Handles deliveries exactly once through a delivery store of your own; every operation must be atomic across instances.</summary>
    /// <typeparam name="TStore">The store type, resolved as a singleton.</typeparam>
    public WebhookSignaturesBuilder AddDeliveryStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IWebhookDeliveryStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IWebhookDeliveryStore, TStore>());
        return this;
    }

    /// <summary>Handles deliveries exactly once through a delivery store built by <paramref name="factory"/>; every operation must be atomic across instances.</summary>
    /// <param name="factory">Builds the store once, from the application's services.</param>
    public WebhookSignaturesBuilder AddDeliveryStore(Func<IServiceProvider, IWebhookDeliveryStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    private Microsoft.Extensions.Options.OptionsBuilder<WebhookRegistrationOptions> Register(string registrationName, Func<WebhookSchemeOptions, WebhookScheme> schemeFactory)
    {
        ArgumentException.ThrowIfNullOrEmpty(registrationName);
        ArgumentNullException.ThrowIfNull(schemeFactory);
        if (!_names.Names.Add(registrationName))
        {
            throw new InvalidOperationException($"A webhook registration named '{registrationName}' already exists.");
        }

        Services.AddSingleton(new WebhookRegistration(registrationName, schemeFactory));
        return Services.AddOptions<WebhookRegistrationOptions>(registrationName).ValidateOnStart();
    }
}
