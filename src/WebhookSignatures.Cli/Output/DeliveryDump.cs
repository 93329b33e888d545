using System.Globalization;
using System.Text;
using WebhookSignatures.Cli.Receiving;

namespace WebhookSignatures.Cli.Output;

/// <summary>
/// <c>listen --verbose</c>: a delivery's headers and body under its line, indented. Both come from the sender, so each
/// line is escaped for the terminal; credentials are hidden and configured secrets replaced.
/// </summary>
internal static class DeliveryDump
{
    private const int BodyLimit = 64 * 1024;

    public static void Write(TextWriter output, CapturedRequest request, IEnumerable<string> secrets)
    {
        output.WriteLine($"    {TerminalText.Escape(request.Method)} {TerminalText.Escape(request.PathAndQuery)}");
        foreach (var (name, value) in request.Headers)
        {
            output.WriteLine($"    {TerminalText.Escape(name)}: {TerminalText.Escape(CredentialHeaders.Show(name, value, secrets))}");
        }

        var shown = request.Body.AsSpan(0, Math.Min(request.Body.Length, BodyLimit));
        var text = CliInputs.Redact(Encoding.UTF8.GetString(shown), secrets);
        output.WriteLine();
        foreach (var line in text.Split('\n'))
        {
            output.WriteLine("    " + TerminalText.Escape(line));
        }

        var more = request.Body.Length - shown.Length;
        if (more > 0 || request.Truncated)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    … {(request.Truncated ? "more than " : string.Empty)}{more} more bytes"));
        }

        output.WriteLine();
    }
}
