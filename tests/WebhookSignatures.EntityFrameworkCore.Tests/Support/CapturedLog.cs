using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebhookSignatures.EntityFrameworkCore.Tests.Support;

/// <summary>Log entries at warning level and above, by event name, for tests that read what an application logged.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private CapturedLog? _forward;

    public ConcurrentQueue<(string EventName, string Message)> Entries { get; } = new();

    public bool Has(string eventName) => Entries.Any(e => e.EventName == eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Sends what is logged from now on to <paramref name="other"/> as well.</summary>
    public void CopyTo(CapturedLog other) => _forward = other;

    public void Dispose()
    {
    }

    private void Add(string name, string message)
    {
        Entries.Enqueue((name, message));
        _forward?.Add(name, message);
    }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add(eventId.Name ?? string.Empty, formatter(state, exception));
            }
        }
    }
}
