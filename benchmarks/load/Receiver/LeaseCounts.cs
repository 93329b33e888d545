using System.Diagnostics.Metrics;
using WebhookSignatures.AspNetCore;

/// <summary>
/// Counts lease renewals and leases lost, listening to those two instruments only (<c>--count-leases true</c>), so a
/// load run can show that renewals happened and none was lost; <c>GET /leases</c> prints them.
/// </summary>
internal sealed class LeaseCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _renewed;
    private long _lost;

    public LeaseCounts()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WebhookSignatureMeter.Name
                && instrument.Name is WebhookSignatureMeter.LeaseRenewalsInstrument or WebhookSignatureMeter.LeasesLostInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            Interlocked.Add(ref instrument.Name == WebhookSignatureMeter.LeaseRenewalsInstrument ? ref _renewed : ref _lost, value));
        _listener.Start();
    }

    public override string ToString() => $"renewed {Interlocked.Read(ref _renewed)}, lost {Interlocked.Read(ref _lost)}\n";

    public void Dispose() => _listener.Dispose();
}
