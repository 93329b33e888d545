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

    /// <summary>Reads <c>--tolerance</c> seconds, defaulting to the scheme's own window (<paramref name="fallback"/>; five minutes when none).</summary>
    public static TimeSpan ReadTolerance(double? seconds, TimeSpan? fallback = null) => seconds switch
    {
        null => fallback ?? WebhookSchemeOptions.DefaultTolerance,
        > 0 and <= 365 * 24 * 3600 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--tolerance must be between 0 and one year of seconds; got {seconds}.")),
    };
}
