using System.Text.Json.Serialization;

namespace WebhookSignatures.Models.Snyk;

/// <summary>Version ranges of a vulnerability.</summary>
public sealed class SnykSemver
{
    /// <summary>Made by the parser from a delivery's body.</summary>
    [JsonConstructor]
    internal SnykSemver()
    {
    }

    /// <summary>Vulnerable ranges, such as <c>&gt;=0.7.1 &lt;2.0.0</c>.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Vulnerable { get; internal set; }

    /// <summary>Ranges known not to be affected, when given.</summary>
    [JsonInclude]
    public IReadOnlyList<string>? Unaffected { get; internal set; }
}
