using System.Globalization;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli;

/// <summary>Runs a command's body and turns usage problems into exit code 2 with a message on standard error.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            // Messages quote what was given (a header line pasted from a delivery, a path), so they are escaped.
            await context.Error.WriteLineAsync($"error: {TerminalText.Escape(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }

    /// <summary>
    /// Reads <c>--tolerance</c> seconds, defaulting to the scheme's own window (<paramref name="fallback"/>; five minutes
    /// when none): above zero once rounded to the clock's resolution, and at most <paramref name="max"/> (one year when none).
    /// </summary>
    public static TimeSpan ReadTolerance(double? seconds, TimeSpan? fallback = null, TimeSpan? max = null)
    {
        if (seconds is null)
        {
            return fallback ?? WebhookSchemeOptions.DefaultTolerance;
        }

        var limit = max ?? TimeSpan.FromDays(365);
        if (seconds is not > 0 || seconds > limit.TotalSeconds || TimeSpan.FromSeconds(seconds.Value) <= TimeSpan.Zero)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"--tolerance must be seconds above 0 (at least a millisecond) and at most {limit.TotalSeconds} ({DurationText.Format((Int128)limit.TotalMilliseconds)}); got {seconds}."));
        }

        return TimeSpan.FromSeconds(seconds.Value);
    }
}
