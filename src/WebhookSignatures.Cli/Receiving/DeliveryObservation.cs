namespace WebhookSignatures.Cli.Receiving;

/// <summary>
/// The reason the verifier gave for the request being handled, carried in an <see cref="AsyncLocal{T}"/> from the
/// log event that states it to the receiver's outer middleware that prints the line.
/// </summary>
internal sealed class DeliveryObservation
{
    private static readonly AsyncLocal<DeliveryObservation?> CurrentSlot = new();

    /// <summary>The observation of the request on this asynchronous flow, if any.</summary>
    public static DeliveryObservation? Current
    {
        get => CurrentSlot.Value;
        set => CurrentSlot.Value = value;
    }

    /// <summary>The failure-vocabulary name of the refusal, when there was one.</summary>
    public string? Reason { get; set; }
}
