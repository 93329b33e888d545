using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.Redis.Tests.Support;

/// <summary>What an application logged: each entry's level, event name and message.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string? EventName, string Message)> Entries { get; } = new();

    public IEnumerable<string> Messages(string eventName) => Entries.Where(e => e.EventName == eventName).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((logLevel, eventId.Name, formatter(state, exception)));
    }
}
