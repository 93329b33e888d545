using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebhookSignatures.AspNetCore;
using WebhookSignatures.Testing.Servers;

namespace WebhookSignatures.Redis.Tests;

/// <summary>
/// A password or user name in the configuration string never shows: not in a start-up failure, a validation message,
/// a health report (description, exception, data) or a log line at any level, wherever it stands in the string and
/// whatever it holds. Redis is never reached: the port is one nothing listens on.
/// </summary>
public sealed class CredentialHygieneTests
{
    private const string Password = "p4ss-SECRET-7c1e";
    private const string User = "u5er-SECRET-2b8d";

    public static TheoryData<string> Configurations => new()
    {
        "127.0.0.1:{port},password=" + Password,
        "password=" + Password + ",127.0.0.1:{port}",
        "127.0.0.1:{port},user=" + User + ",password=" + Password + ",abortConnect=false",
        "127.0.0.1:{port}, Password = " + Password,
        "127.0.0.1:{port},USER=" + User + ",PASSWORD=" + Password,

        // A password holding a comma: the client reads its tail as an option it cannot parse, and says so.
        "127.0.0.1:{port},password=abc,connectTimeout=" + Password,
        "127.0.0.1:{port},password=abc," + Password + "=1",
        "127.0.0.1:{port},password=abc," + Password,
        "127.0.0.1:{port},user=" + User + ",ssl=false,password=abc," + Password + ",abortConnect=false",
        "127.0.0.1:{port},user=" + User + ",password=x,syncTimeout=" + Password,
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task A_password_or_user_name_never_appears_in_start_up_failures_health_reports_or_logs(string template)
    {
        var configuration = template.Replace("{port}", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddWebhookSignatures().AddRedisDeliveryStore(configuration);
        builder.Services.AddHealthChecks().AddRedisWebhookDeliveryStore();
        using var host = builder.Build();
        var seen = new List<string>();

        var start = await FluentActions.Awaiting(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<Exception>();
        seen.Add(start.Which.ToString());

        try
        {
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var (_, entry) in report.Entries)
            {
                seen.Add(entry.Description ?? string.Empty);
                seen.Add(entry.Exception?.ToString() ?? string.Empty);
                seen.AddRange(entry.Data.Select(d => $"{d.Key}={d.Value}"));
            }
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            // A configuration the client cannot read fails the check's construction: its message counts too.
            seen.Add(e.ToString());
        }

        seen.AddRange(logs.Lines);
        seen.Should().NotBeEmpty();
        foreach (var text in seen)
        {
            text.Should().NotContain(Password).And.NotContain(User);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                provider.Lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
