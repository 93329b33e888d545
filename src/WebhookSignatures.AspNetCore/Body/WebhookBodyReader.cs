using System.Buffers;
using System.IO.Pipelines;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Reads a request body to its end into one pooled array, never beyond the registration's limit nor past its deadline.
/// The one reader of request bodies: Kestrel's own request pipe is read directly, and other servers' body streams
/// through the pipe ASP.NET Core draws over them.
/// </summary>
internal static class WebhookBodyReader
{
    /// <summary>The first array's size: small whatever the sender declares, so headers alone never make the server allocate much.</summary>
    internal const int InitialSize = 16 * 1024;

    /// <summary>
    /// Reads <paramref name="body"/> to its end; <see langword="null"/> when it holds more than <paramref name="maxSize"/>
    /// bytes. Arrays come from <paramref name="pool"/> and go back to it cleared: on dispose, when outgrown, on refusal
    /// and when reading fails.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="contentLength">The declared length, if any; it only ever makes the arrays smaller.</param>
    /// <param name="maxSize">The most bytes accepted.</param>
    /// <param name="pool">Where the arrays come from.</param>
    /// <param name="timeout">How long the whole read may take, from this call; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="time">The clock for <paramref name="timeout"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="TimeoutException">The body did not arrive within <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled, by the token or by <see cref="PipeReader.CancelPendingRead"/>.</exception>
    public static async Task<WebhookBodyBuffer?> ReadAsync(
        PipeReader body, long? contentLength, long maxSize, ArrayPool<byte> pool, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var limit = ReadLimit(maxSize);
        var buffer = pool.Rent(FirstSize(contentLength, limit));
        var length = 0;
        var handedOn = false;

        // The deadline's timer is armed only when a read has to wait: a body that has already arrived, the
        // usual case for a webhook, costs no timer at all.
        CancellationTokenSource? deadline = null;
        var cancelRead = default(CancellationTokenRegistration);
        try
        {
            while (length < limit && (contentLength is null || length < contentLength))
            {
                var reading = body.ReadAsync(cancellationToken);
                if (!reading.IsCompleted && deadline is null && timeout != Timeout.InfiniteTimeSpan)
                {
                    // A deadline already passed makes a cancelled source, whose registration below runs at once.
                    var remaining = timeout - time.GetElapsedTime(started);
                    deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);

                    // A cancelled token would leave Kestrel's body reader mid-read (dotnet/aspnetcore#17840), so the
                    // deadline cancels the pending read instead; when the connection goes, the server ends the read itself.
                    cancelRead = deadline.Token.UnsafeRegister(static reader => ((PipeReader)reader!).CancelPendingRead(), body);
                }

                var result = await reading.ConfigureAwait(false);
                var data = result.Buffer;
                if (result.IsCanceled)
                {
                    // Every read is followed by AdvanceTo, so the server's reader is never left mid-read.
                    body.AdvanceTo(data.Start);
                    if (deadline is { IsCancellationRequested: true })
                    {
                        throw new TimeoutException("The webhook body did not arrive in time.");
                    }

                    throw new OperationCanceledException("Reading the webhook body was cancelled.");
                }

                var take = (int)Math.Min(data.Length, limit - length);
                if (length + take > buffer.Length)
                {
                    var larger = pool.Rent(NextSize(buffer.Length, length + take, contentLength, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    WebhookBodyBuffer.Return(pool, buffer, length);
                    buffer = larger;
                }

                data.Slice(0, take).CopyTo(buffer.AsSpan(length));
                length += take;
                body.AdvanceTo(data.GetPosition(take));
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (length > maxSize)
            {
                return null;
            }

            handedOn = true;
            return new WebhookBodyBuffer(pool, buffer, length);
        }
        finally
        {
            await cancelRead.DisposeAsync().ConfigureAwait(false);
            deadline?.Dispose();
            if (!handedOn)
            {
                WebhookBodyBuffer.Return(pool, buffer, length);
            }
        }
    }

    // Room for one byte beyond the limit is enough to know that a body crossed it.
    private static int ReadLimit(long maxSize) => (int)Math.Min(maxSize + 1, Array.MaxLength);

    // The growth policy: the first array is small whatever the sender declares (a declared length only makes it smaller),
    // and it grows with bytes that arrived, never with a header's promise.
    private static int FirstSize(long? contentLength, int limit) =>
        contentLength is { } declared ? (int)Math.Clamp(declared, 1, Math.Min(InitialSize, limit)) : Math.Min(InitialSize, limit);

    // Doubles, but never past the limit, nor past a declared length the bytes have not yet exceeded.
    private static int NextSize(int current, int needed, long? contentLength, int limit)
    {
        var next = Math.Max((long)current * 2, needed);
        if (contentLength is { } declared && declared >= needed)
        {
            next = Math.Min(next, declared);
        }

        return (int)Math.Min(next, limit);
    }
}
