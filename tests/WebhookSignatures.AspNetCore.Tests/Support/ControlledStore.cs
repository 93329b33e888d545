using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>
/// The in-memory store, behind a switch a test turns: renewals that stop answering (as a store that went away), and a
/// record of what was reserved and for how long, so a test can take a delivery from under its holder.
/// </summary>
internal sealed class ControlledStore(TimeProvider time, bool canRenew = true) : IWebhookDeliveryStore
{
    private int _renewals;

    public MemoryWebhookDeliveryStore Inner { get; } = new(Options.Create(new WebhookMemoryDeliveryStoreOptions()), time);

    public bool CanRenew => canRenew;

    /// <summary>Whether renewals throw, as when the store cannot be reached.</summary>
    public bool RenewalsFail { get; set; }

    /// <summary>How often the pipeline asked to renew.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Every reservation asked for: the key, the token and the lease.</summary>
    public ConcurrentQueue<(WebhookDeliveryKey Key, string Token, TimeSpan Lease)> Reserved { get; } = new();

    public async ValueTask<WebhookReservationOutcome> TryReserveAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        Reserved.Enqueue((key, token, lease));
        return await Inner.TryReserveAsync(key, token, lease, cancellationToken);
    }

    public ValueTask<bool> CompleteAsync(WebhookDeliveryKey key, string token, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        Inner.CompleteAsync(key, token, timeToLive, cancellationToken);

    public ValueTask<bool> RenewAsync(WebhookDeliveryKey key, string token, TimeSpan lease, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renewals);
        return RenewalsFail ? throw new IOException("connection refused") : Inner.RenewAsync(key, token, lease, cancellationToken);
    }

    public ValueTask<bool> ReleaseAsync(WebhookDeliveryKey key, string token, CancellationToken cancellationToken) =>
        Inner.ReleaseAsync(key, token, cancellationToken);

    /// <summary>Another attempt takes the delivery: the holder's reservation is released and reserved again under another token.</summary>
    public async Task TakeAsync(WebhookDeliveryKey key, string holder, TimeSpan lease)
    {
        (await Inner.ReleaseAsync(key, holder, default)).Should().BeTrue("the holder held it");
        (await Inner.TryReserveAsync(key, "another-attempt", lease, default)).Should().Be(WebhookReservationOutcome.Reserved);
    }
}
