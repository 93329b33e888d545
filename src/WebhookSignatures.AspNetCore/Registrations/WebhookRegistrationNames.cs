namespace WebhookSignatures.AspNetCore;

/// <summary>The registration names taken so far, so a name cannot be registered twice.</summary>
internal sealed class WebhookRegistrationNames
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
}
