namespace WebhookSignatures.Soak;

/// <summary>What the sender saw, every delivery it sent, how long its retries ran on, and when Redis (or receiver A) was away.</summary>
/// <param name="Tally">The answers, counted.</param>
/// <param name="Deliveries">Every unique delivery with its attempts.</param>
/// <param name="Drained">How long retries and duplicates ran on after the senders stopped.</param>
/// <param name="KilledAt">When Redis (or receiver A) was killed, from the start of the run.</param>
/// <param name="RestartedAt">When it was started again.</param>
/// <param name="Kills">How many times it was killed.</param>
public sealed record SoakOutcome(SoakTally Tally, IReadOnlyCollection<SoakDelivery> Deliveries, TimeSpan Drained, TimeSpan KilledAt, TimeSpan RestartedAt, int Kills);
