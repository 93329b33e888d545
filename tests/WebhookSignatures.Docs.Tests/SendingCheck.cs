namespace WebhookSignatures.Docs.Tests;

/// <summary>
/// What the <c>run:</c> comment above a sending example says: the test starts the receiving example above it on the
/// same page (as that example's own comments describe it), puts the receiver's real address where the sender's code
/// names <c>to=</c>, gives the sender the receiver's secret and checks what the sender prints. The keys:
/// <list type="table">
/// <item><term><c>to=host:port</c></term><description>the receiver's address as the example writes it (loopback only); the test's receiver is put there</description></item>
/// <item><term><c>secret-env=NAME</c></term><description>the environment variable the example reads the secret from</description></item>
/// <item><term><c>prints='…'</c></term><description>what the example writes to the console (a line of its output)</description></item>
/// </list>
/// </summary>
public sealed record SendingCheck
{
    /// <summary>The keys a sending check may use.</summary>
    public static readonly IReadOnlyCollection<string> Keys = ["to", "secret-env", "prints"];

    /// <summary>The comment it was read from.</summary>
    public required RunAnnotation Annotation { get; init; }

    /// <summary>The receiver's address as the example writes it.</summary>
    public required string To { get; init; }

    /// <summary>The environment variable for the secret.</summary>
    public required string SecretVariable { get; init; }

    /// <summary>A line the example prints.</summary>
    public required string Prints { get; init; }

    /// <summary>Reads a <c>run:</c> comment of a sending example.</summary>
    /// <exception cref="FormatException">A key is unknown or missing, or the address is not loopback.</exception>
    public static SendingCheck From(RunAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        annotation.RequireKnownKeys(Keys);
        var to = annotation.One("to") ?? throw new FormatException($"'{annotation}': to=host:port is missing.");
        if (!to.StartsWith("127.0.0.1:", StringComparison.Ordinal) && !to.StartsWith("localhost:", StringComparison.Ordinal))
        {
            throw new FormatException($"'{annotation}': to={to} is not a loopback address; examples run against loopback only.");
        }

        return new SendingCheck
        {
            Annotation = annotation,
            To = to,
            SecretVariable = annotation.One("secret-env") ?? throw new FormatException($"'{annotation}': secret-env=NAME is missing."),
            Prints = annotation.One("prints") ?? throw new FormatException($"'{annotation}': prints='…' is missing."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Annotation.ToString();
}
