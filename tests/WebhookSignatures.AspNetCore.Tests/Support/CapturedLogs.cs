using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Keeps every log entry of an application: message, structured values and exception.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<CapturedLogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            owner.Entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

/// <summary>One captured log entry.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, EventId EventId, string Message, string Values, string? Exception)
{
    public string All => $"{Category} {EventId} {Message} {Values} {Exception}";
}
