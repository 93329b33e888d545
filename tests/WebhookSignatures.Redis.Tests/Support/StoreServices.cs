using Microsoft.Extensions.DependencyInjection;
using WebhookSignatures.AspNetCore;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>The store as an application gets it: registered on the builder, resolved from the services.</summary>
public static class StoreServices
{
    public static ServiceProvider Build(Action<WebhookSignaturesBuilder> register, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        register(services.AddWebhookSignatures());
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
