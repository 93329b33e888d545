using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// The log of a documented program run by a test, in place of its console: shown when a check fails, kept out of the
/// test run's own output otherwise.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every line so far, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public override string ToString() => _lines.IsEmpty ? "(nothing logged)" : string.Join('\n', _lines);

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            log._lines.Enqueue(exception is null ? line : $"{line}\n{exception}");
        }
    }
}
