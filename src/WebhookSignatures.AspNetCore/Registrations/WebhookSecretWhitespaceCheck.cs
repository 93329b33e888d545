using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Warns at start-up about each secret with whitespace at its start or end (a line break from a file, a space from a
/// copy): it is part of the key and used as given, since trimming would change the key, but it is most often a
/// mistake. The warning names the registration, the position in the ring and the kind of whitespace, never the secret.
/// </summary>
internal sealed class WebhookSecretWhitespaceCheck(IServiceProvider services) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var monitor = services.GetRequiredService<IOptionsMonitor<WebhookRegistrationOptions>>();
        var logger = services.GetRequiredService<ILogger<WebhookDeliveryPipeline>>();
        foreach (var registration in services.GetServices<WebhookRegistration>())
        {
            WebhookRegistrationOptions options;
            try
            {
                options = monitor.Get(registration.Name);
            }
            catch (OptionsValidationException)
            {
                // Reported by the validation that stops the start.
                continue;
            }

            for (var i = 0; i < options.Secrets.Count; i++)
            {
                if (Describe(options.Secrets[i]) is { } where)
                {
                    WebhookSignatureLog.SecretWhitespace(logger, registration.Name, "Secrets:" + i.ToString(CultureInfo.InvariantCulture), where);
                }
            }
        }

        next(app);
    };

    /// <summary>"starts with a space", "ends with a line break", both, or null when neither end is whitespace.</summary>
    internal static string? Describe(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var ends = new List<string>(2);
        if (char.IsWhiteSpace(secret[0]))
        {
            ends.Add("starts with " + Kind(secret[0]));
        }

        if (char.IsWhiteSpace(secret[^1]))
        {
            ends.Add("ends with " + Kind(secret[^1]));
        }

        return ends.Count == 0 ? null : string.Join(" and ", ends);
    }

    private static string Kind(char c) => c switch
    {
        '\n' or '\r' => "a line break",
        '\t' => "a tab",
        ' ' => "a space",
        _ => string.Create(CultureInfo.InvariantCulture, $"whitespace (U+{(int)c:X4})"),
    };
}
