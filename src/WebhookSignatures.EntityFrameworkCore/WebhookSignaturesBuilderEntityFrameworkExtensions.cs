using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebhookSignatures.EntityFrameworkCore;

namespace WebhookSignatures.AspNetCore;

/// <summary>Puts the delivery store (exactly-once handling) in the application's own database, through EF Core.</summary>
public static class WebhookSignaturesBuilderEntityFrameworkExtensions
{
    /// <summary>
    /// Keeps deliveries in the database of <typeparamref name="TContext"/>, whose model has them
    /// (<c>modelBuilder.AddWebhookDeliveries()</c>), and completes each delivery in the transaction of the handler's own
    /// saves through that context, so its effects and its completion commit together or not at all. Works with
    /// <c>AddDbContext</c>, <c>AddDbContextPool</c> and <c>AddDbContextFactory</c>, registered before or after this call.
    /// PostgreSQL (Npgsql) and SQLite; the application refuses to start with another provider.
    /// </summary>
    /// <typeparam name="TContext">The application's context.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the operation timeout, the cleanup, and PostgreSQL's relaxed reservation commit.</param>
    public static WebhookSignaturesBuilder AddEntityFrameworkDeliveryStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] TContext>(this WebhookSignaturesBuilder builder, Action<EntityFrameworkDeliveryStoreOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<EntityFrameworkDeliveryStoreOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntityFrameworkDeliveryStoreOptions>, EntityFrameworkDeliveryStoreOptionsValidator>());
        services.AddHttpContextAccessor();
        services.TryAddSingleton<TransactionalCompletion>();
        services.ConfigureDbContext<TContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<TransactionalCompletion>()), ServiceLifetime.Singleton);
        services.TryAddSingleton<EntityFrameworkWebhookDeliveryStore<TContext>>();
        services.Replace(ServiceDescriptor.Singleton<IWebhookDeliveryStore>(static sp => sp.GetRequiredService<EntityFrameworkWebhookDeliveryStore<TContext>>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeliveryStoreMaintenance<TContext>>());
        return builder;
    }
}
