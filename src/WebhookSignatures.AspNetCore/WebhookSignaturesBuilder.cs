using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Registers webhook schemes under names that endpoints refer to, adds schemes of your own to the application's
/// <see cref="WebhookSchemeCatalog"/>, and chooses the delivery store. Returned by <c>services.AddWebhookSignatures()</c>.
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
    /// Adds a scheme of your own to the application's catalog (every built-in sender, with Ed25519 signatures, is there
    /// already), or replaces the one of the same name. Registrations then name it like any other:
    /// <c>.AddScheme(acme).Add("acme", acme.Name, configuration)</c>.
    /// </summary>
    /// <param name="scheme">The scheme's row: its name, description and how to create it.</param>
    public WebhookSignaturesBuilder AddScheme(WebhookSchemeDescriptor scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        Services.AddSingleton(new WebhookSchemeAddition(scheme));
        return this;
    }

    /// <summary>
    /// Registers the catalog's scheme named <paramref name="schemeName"/> under <paramref name="registrationName"/>.
    /// </summary>
    /// <param name="registrationName">The name endpoints use in <c>RequireWebhookSignature(name)</c>.</param>
    /// <param name="schemeName">The scheme's name in the catalog, such as <c>stripe</c>; the application refuses to start when none has it.</param>
    /// <param name="configure">Sets the registration's options (secrets, limits, exactly-once handling).</param>
    /// <exception cref="InvalidOperationException">The registration name is already taken.</exception>
    public WebhookSignaturesBuilder Add(string registrationName, string schemeName, Action<WebhookRegistrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Register(registrationName, schemeName).Configure(configure);
        return this;
    }

    /// <summary>
    /// Registers the catalog's scheme named <paramref name="schemeName"/> under <paramref name="registrationName"/>, with
    /// options bound from a configuration section (keys <c>Secrets:0</c>, <c>Secrets:1</c>, <c>Tolerance</c>,
    /// <c>MaxBodySize</c>, <c>ExactlyOnce:…</c>). The section is re-read when the configuration reloads.
    /// </summary>
    /// <param name="registrationName">The name endpoints use in <c>RequireWebhookSignature(name)</c>.</param>
    /// <param name="schemeName">The scheme's name in the catalog, such as <c>stripe</c>; the application refuses to start when none has it.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <exception cref="InvalidOperationException">The registration name is already taken.</exception>
    public WebhookSignaturesBuilder Add(string registrationName, string schemeName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Register(registrationName, schemeName, configuration).Bind(configuration);
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

    private OptionsBuilder<WebhookRegistrationOptions> Register(string registrationName, string schemeName, IConfiguration? configuration = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(registrationName);
        ArgumentException.ThrowIfNullOrEmpty(schemeName);
        if (!_names.Names.Add(registrationName))
        {
            throw new InvalidOperationException($"A webhook registration named '{registrationName}' already exists.");
        }

        Services.AddSingleton(new WebhookRegistration(registrationName, schemeName, configuration));
        return Services.AddOptions<WebhookRegistrationOptions>(registrationName).ValidateOnStart();
    }
}
