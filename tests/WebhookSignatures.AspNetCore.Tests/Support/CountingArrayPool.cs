using System.Buffers;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>The shared pool, counting what is rented and returned through it.</summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly TaskCompletionSource _firstRent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _returns = new(0);
    private int _rented;
    private int _returned;
    private long _outstandingBytes;

    public int Rented => Volatile.Read(ref _rented);

    public int Returned => Volatile.Read(ref _returned);

    /// <summary>The bytes of the arrays rented and not yet returned.</summary>
    public long OutstandingBytes => Interlocked.Read(ref _outstandingBytes);

    /// <summary>Completes when the first array has been rented, that is when a body read has begun.</summary>
    public Task FirstRent => _firstRent.Task;

    public override byte[] Rent(int minimumLength)
    {
        var array = Shared.Rent(minimumLength);
        Interlocked.Increment(ref _rented);
        Interlocked.Add(ref _outstandingBytes, array.Length);
        _firstRent.TrySetResult();
        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Interlocked.Add(ref _outstandingBytes, -array.Length);
        Shared.Return(array, clearArray);
        Interlocked.Increment(ref _returned);
        _returns.Release();
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, until at least <paramref name="count"/> arrays have come back.</summary>
    public async Task WaitForReturnsAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Returned < count)
        {
            await _returns.WaitAsync(deadline.Token);
        }
    }
}
