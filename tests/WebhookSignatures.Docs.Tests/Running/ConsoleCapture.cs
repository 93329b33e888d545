namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// The process's console output and one environment variable, given to a documented program while it runs and
/// restored after. Both belong to the whole process: the tests that use it run one at a time (<see cref="DocumentedPrograms"/>).
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _previousOut;
    private readonly string _variable;
    private readonly string? _previousValue;
    private readonly StringWriter _out = new();

    public ConsoleCapture(string variable, string value)
    {
        _variable = variable;
        _previousValue = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, value);
        _previousOut = Console.Out;
        Console.SetOut(TextWriter.Synchronized(_out));
    }

    /// <summary>What was written so far.</summary>
    public string Output => _out.ToString();

    /// <inheritdoc />
    public void Dispose()
    {
        Console.SetOut(_previousOut);
        Environment.SetEnvironmentVariable(_variable, _previousValue);
        _out.Dispose();
    }
}
