namespace WebhookSignatures.Models.Snyk;

/// <summary>Version ranges of a vulnerability.</summary>
public sealed class SnykSemver
{
    /// <summary>Vulnerable ranges, such as <c>&gt;=0.7.1 &lt;2.0.0</c>.</summary>
    public IReadOnlyList<string>? Vulnerable { get; set; }

    /// <summary>Ranges known not to be affected, when given.</summary>
    public IReadOnlyList<string>? Unaffected { get; set; }
}
