using System.Diagnostics;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The delivery store as the pipeline calls it: each call timed (<see cref="WebhookSignatureMeter.StoreOperationDurationInstrument"/>)
/// and traced (a client span) while something listens; passed straight through otherwise, so that an unobserved call
/// costs a branch and no allocation.
/// </summary>
internal sealed class ObservedDeliveryStore(IWebhookDeliveryStore store, WebhookSignatureMetrics metrics, TimeProvider time)
{
    private const string Reserve = "reserve";
    private const string Complete = "complete";
    private const string Renew = "renew";
    private const string Release = "release";

    /// <summary>Whether the store renews leases (<see cref="IWebhookDeliveryStore.CanRenew"/>), read once.</summary>
    public bool CanRenew { get; } = store.CanRenew;

    public ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string scheme, string token, TimeSpan lease, CancellationToken cancellationToken) =>
        IsObserved
            ? ObserveAsync(Reserve, key, scheme, default, (token, lease, cancellationToken), static (s, k, a) => s.TryReserveAsync(k, a.token, a.lease, a.cancellationToken))
            : store.TryReserveAsync(key, token, lease, cancellationToken);

    public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string scheme, string token, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        IsObserved
            ? ObserveAsync(Complete, key, scheme, default, (token, timeToLive, cancellationToken), static (s, k, a) => s.CompleteAsync(k, a.token, a.timeToLive, a.cancellationToken))
            : store.CompleteAsync(key, token, timeToLive, cancellationToken);

    /// <summary>Renews a lease; its span's parent is the request's (<paramref name="parent"/>), since renewals run on a timer.</summary>
    public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string scheme, string token, TimeSpan lease, ActivityContext parent, CancellationToken cancellationToken) =>
        IsObserved
            ? ObserveAsync(Renew, key, scheme, parent, (token, lease, cancellationToken), static (s, k, a) => s.RenewAsync(k, a.token, a.lease, a.cancellationToken))
            : store.RenewAsync(key, token, lease, cancellationToken);

    public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string scheme, string token, CancellationToken cancellationToken) =>
        IsObserved
            ? ObserveAsync(Release, key, scheme, default, (token, cancellationToken), static (s, k, a) => s.ReleaseAsync(k, a.token, a.cancellationToken))
            : store.ReleaseAsync(key, token, cancellationToken);

    private bool IsObserved => metrics.TimesStoreOperations || WebhookTracing.Source.HasListeners();

    private async ValueTask<T> ObserveAsync<T, TArgs>(
        string operation, WebhookDeliveryKey key, string scheme, ActivityContext parent, TArgs args, Func<IWebhookDeliveryStore, WebhookDeliveryKey, TArgs, ValueTask<T>> call)
    {
        using var activity = WebhookTracing.StartStoreCall(operation, key, scheme, parent);
        var started = time.GetTimestamp();
        try
        {
            var result = await call(store, key, args).ConfigureAwait(false);
            metrics.StoreOperation(key.RegistrationName, scheme, operation, time.GetElapsedTime(started), null);
            activity?.SetTag("webhook.store.answer", Answer(result));
            return result;
        }
        catch (Exception e)
        {
            metrics.StoreOperation(key.RegistrationName, scheme, operation, time.GetElapsedTime(started), e.GetType().FullName);
            WebhookTracing.Fail(activity, e);
            throw;
        }
    }

    private static string? Answer<T>(T result) => result switch
    {
        WebhookReservationOutcome.Reserved => "reserved",
        WebhookReservationOutcome.InFlight => "in_flight",
        WebhookReservationOutcome.Completed => "completed",
        true => "held",
        false => "not_held",
        _ => null,
    };
}
