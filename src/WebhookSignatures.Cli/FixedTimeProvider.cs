namespace WebhookSignatures.Cli;

/// <summary>A clock stopped at one instant, for <c>verify --now</c>: checks a delivery as of when it arrived.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
