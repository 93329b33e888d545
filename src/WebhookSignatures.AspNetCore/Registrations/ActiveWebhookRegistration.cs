namespace WebhookSignatures.AspNetCore;

/// <summary>
/// A registration's scheme and key ring built from one snapshot of its options. Requests lease it; the ring is
/// disposed (its key bytes zeroed) once the catalog has replaced it and the last request using it has finished.
/// </summary>
internal sealed class ActiveWebhookRegistration(string name, WebhookRegistrationOptions options, WebhookScheme scheme, KeyRing keys, TimeSpan timeToLive)
{
    // One lease belongs to the catalog for as long as this is the current registration.
    private int _leases = 1;

    public string Name { get; } = name;

    public WebhookRegistrationOptions Options { get; } = options;

    public WebhookScheme Scheme { get; } = scheme;

    public KeyRing Keys { get; } = keys;

    /// <summary>How long a handled delivery is remembered: the option, else the sender's window from its scheme's row, else one day.</summary>
    public TimeSpan TimeToLive { get; } = timeToLive;

    /// <summary>Whether the ring has been disposed because nothing uses it any more.</summary>
    public bool IsRetired => Volatile.Read(ref _leases) == 0;

    /// <summary>Takes a lease unless the ring is already retired; a taken lease keeps the keys alive until <see cref="Release"/>.</summary>
    public bool TryAcquire()
    {
        var leases = Volatile.Read(ref _leases);
        while (leases > 0)
        {
            var seen = Interlocked.CompareExchange(ref _leases, leases + 1, leases);
            if (seen == leases)
            {
                return true;
            }

            leases = seen;
        }

        return false;
    }

    /// <summary>Gives a lease back; the last one out disposes the ring.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            Keys.Dispose();
        }
    }
}
