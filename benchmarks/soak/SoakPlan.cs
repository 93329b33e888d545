namespace WebhookSignatures.Soak;

/// <summary>What to drive, for how long, and when to take Redis away.</summary>
public sealed record SoakPlan(
    IReadOnlyList<Uri> Targets,
    string Secret,
    TimeSpan Duration,
    TimeSpan OutageAt,
    TimeSpan OutageLength,
    string StopRedis,
    string StartRedis);
