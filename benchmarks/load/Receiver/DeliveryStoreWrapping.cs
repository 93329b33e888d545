using WebhookSignatures.AspNetCore;

/// <summary>Replaces the registered delivery store with a wrapper around it, however the store was registered.</summary>
internal static class DeliveryStoreWrapping
{
    public static void Wrap<TWrapper>(IServiceCollection services, Func<IServiceProvider, IWebhookDeliveryStore, TWrapper> wrap)
        where TWrapper : class, IWebhookDeliveryStore
    {
        var registered = services.Last(d => d.ServiceType == typeof(IWebhookDeliveryStore));
        services.Remove(registered);
        services.AddSingleton(sp => wrap(sp, registered switch
        {
            { ImplementationInstance: IWebhookDeliveryStore instance } => instance,
            { ImplementationFactory: { } factory } => (IWebhookDeliveryStore)factory(sp),
            _ => (IWebhookDeliveryStore)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!),
        }));
        services.AddSingleton<IWebhookDeliveryStore>(sp => sp.GetRequiredService<TWrapper>());
    }
}
