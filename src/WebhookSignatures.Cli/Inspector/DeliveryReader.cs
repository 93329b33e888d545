using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebhookSignatures.Cli.Inspector;

/// <summary>
/// One reader of the <see cref="DeliveryLog"/>: an event stream or a page being written. Take a delivery,
/// <see cref="Charge"/> the text made from it, write that, then call <see cref="Sent"/>. It never keeps a delivery
/// itself, only its place in the log and the text it is writing. Dropped by the log, its connection is closed.
/// </summary>
internal sealed class DeliveryReader : IDisposable
{
    private readonly DeliveryLog _log;
    private readonly Action _abort;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly object _closing = new();
    private bool _disposed;

    internal DeliveryReader(DeliveryLog log, bool live, Action abort, long cursor)
    {
        _log = log;
        Live = live;
        _abort = abort;
        Cursor = cursor;
    }

    /// <summary>Whether it follows the deliveries added after it opened (an event stream) or not (a page).</summary>
    public bool Live { get; }

    /// <summary>How many deliveries a page had when it opened.</summary>
    public int Opened { get; internal init; }

    /// <summary>The newest delivery's number when a page opened, 0 for none.</summary>
    public long Newest { get; internal init; }

    /// <summary>Whether the log dropped it.</summary>
    public bool IsDropped => _log.IsDropped(this);

    /// <summary>Whether deliveries it should have had are no longer kept: its page is whole again only once reloaded.</summary>
    public bool IsMissed => _log.IsMissed(this);

    // The rest is changed only under the log's lock.
    internal bool Missed { get; set; }

    internal bool Dropped { get; set; }

    /// <summary>An event stream's last delivery taken.</summary>
    internal long Cursor { get; set; }

    /// <summary>A page's deliveries yet to write, by number.</summary>
    internal Queue<long> Pending { get; } = new();

    internal bool Writing { get; set; }

    internal long TextBytes { get; set; }

    /// <summary>The next delivery to write, or false when there is none yet, it was dropped or it missed some.</summary>
    public bool TryTake(out InspectedDelivery delivery) => _log.TryTake(this, out delivery);

    /// <summary>Counts the text made from the delivery taken; false when it was dropped.</summary>
    public bool Charge(long bytes) => _log.Charge(this, bytes);

    /// <summary>The text is written: it no longer counts.</summary>
    public void Sent() => _log.Sent(this);

    /// <summary>
    /// Writes each delivery the reader has yet to write, counting its text against the bound while it is written;
    /// false when the reader was dropped (its connection is being closed) or missed deliveries no longer kept.
    /// </summary>
    public async Task<bool> WriteQueuedAsync(HttpResponse response, Func<InspectedDelivery, string> format, CancellationToken cancellationToken)
    {
        while (TryTake(out var delivery))
        {
            var text = format(delivery);

            // The string, and its UTF-8 bytes in the response's buffer until the reader takes them.
            if (!Charge((text.Length * 2L) + Encoding.UTF8.GetByteCount(text)))
            {
                return false;
            }

            await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
            Sent();
        }

        return !IsDropped && !IsMissed;
    }

    /// <summary>Waits until a delivery is added or it is dropped (true), or <paramref name="timeout"/> passes (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <summary>Called by the request before it ends: from then on, dropping it closes nothing.</summary>
    public void Dispose()
    {
        lock (_closing)
        {
            _disposed = true;
        }

        _log.Remove(this);
        _signal.Dispose();
    }

    // Under the log's lock, so a release never passes the count of one.
    internal void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>
    /// Closes the reader's connection, only while its request is still running: once the request has ended, its
    /// context belongs to the server again (and perhaps to the next request).
    /// </summary>
    internal void Abort()
    {
        lock (_closing)
        {
            if (!_disposed)
            {
                _abort();
            }
        }
    }
}
