namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Counts how often a webhook handler ran.</summary>
public sealed class HandlerRuns
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
