using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Validates each registration's options at start-up and after every reload. Messages name the
/// registration and the setting, never a secret's value.
/// </summary>
internal sealed class WebhookRegistrationOptionsValidator(IEnumerable<WebhookRegistration> registrations, WebhookSchemeCatalog schemes) : IValidateOptions<WebhookRegistrationOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookRegistrationOptions options)
    {
        var registration = registrations.FirstOrDefault(r => r.Name == name);
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var prefix = $"Webhook registration '{registration.Name}' (scheme '{registration.SchemeName}'):";
        if (!schemes.TryGet(registration.SchemeName, out var scheme))
        {
            failures.Add($"Webhook registration '{registration.Name}': no scheme is named '{registration.SchemeName}'. Known schemes: {string.Join(", ", schemes.All.Select(static s => s.Name))}; add your own with AddScheme(descriptor).");
            return ValidateOptionsResult.Fail(failures);
        }

        if (options.Tolerance is { } tolerance && (tolerance <= TimeSpan.Zero || tolerance > WebhookRegistrationOptions.MaxTolerance))
        {
            failures.Add($"{prefix} Tolerance must be above zero and at most one day.");
        }

        if (options.MaxBodySize <= 0 || options.MaxBodySize > WebhookRegistrationOptions.MaxBodySizeLimit)
        {
            failures.Add($"{prefix} MaxBodySize must be above zero and at most 1 GiB.");
        }

        if (options.BodyReadTimeout <= TimeSpan.Zero || options.BodyReadTimeout > WebhookRegistrationOptions.MaxBodyReadTimeout)
        {
            failures.Add($"{prefix} BodyReadTimeout must be above zero and at most one hour.");
        }

        if (options.PublicBaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp) || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0))
        {
            failures.Add($"{prefix} PublicBaseUrl must be an absolute http or https URL without query or fragment.");
        }

        var exactlyOnce = options.ExactlyOnce;
        if (exactlyOnce.TimeToLive is { } timeToLive && timeToLive <= TimeSpan.Zero)
        {
            failures.Add($"{prefix} ExactlyOnce:TimeToLive must be above zero.");
        }

        if (exactlyOnce.LeaseDuration is { } lease && (lease < TimeSpan.FromSeconds(1) || lease > TimeSpan.FromDays(1)))
        {
            failures.Add($"{prefix} ExactlyOnce:LeaseDuration must be between one second and one day.");
        }

        if (exactlyOnce.InFlightRetryAfter < TimeSpan.Zero || exactlyOnce.InFlightRetryAfter > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix} ExactlyOnce:InFlightRetryAfter must be between zero and one day.");
        }

        if (exactlyOnce.DuplicateStatusCode is < 200 or > 599)
        {
            failures.Add($"{prefix} ExactlyOnce:DuplicateStatusCode must be an HTTP status (200-599).");
        }

        CheckStatus(failures, prefix, "ExactlyOnce:" + nameof(exactlyOnce.InFlightStatusCode), exactlyOnce.InFlightStatusCode);

        CheckStatus(failures, prefix, nameof(options.UnauthorizedStatusCode), options.UnauthorizedStatusCode);
        CheckStatus(failures, prefix, nameof(options.BodyTooLargeStatusCode), options.BodyTooLargeStatusCode);
        CheckStatus(failures, prefix, nameof(options.StoreUnavailableStatusCode), options.StoreUnavailableStatusCode);
        CheckSecrets(failures, prefix, registration, scheme, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckStatus(List<string> failures, string prefix, string setting, int status)
    {
        if (status is < 400 or > 599)
        {
            failures.Add($"{prefix} {setting} must be an HTTP error status (400-599).");
        }
    }

    private static void CheckSecrets(List<string> failures, string prefix, WebhookRegistration registration, WebhookSchemeDescriptor descriptor, WebhookRegistrationOptions options)
    {
        if (options.Secrets.Count == 0)
        {
            failures.Add($"{prefix} Secrets must hold at least one secret{WhereSecretsWereRead(registration.Configuration)}");
            return;
        }

        var scheme = descriptor.Default;

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            // Refused like an empty one: whitespace alone is never a sender's secret, and trimming would change any key.
            if (string.IsNullOrWhiteSpace(options.Secrets[i]))
            {
                failures.Add($"{prefix} Secrets:{i} is empty or only whitespace.");
                continue;
            }

            // The sender's own form, where it has one: the problem and the fix, never the value.
            if (descriptor.CheckSecret(options.Secrets[i]) is { } problem)
            {
                failures.Add($"{prefix} Secrets:{i} {problem}");
                continue;
            }

            KeyRing ring;
            try
            {
                ring = scheme.CreateKeyRing([options.Secrets[i] ?? string.Empty]);
            }
            catch (ArgumentException)
            {
                // The exception's message is not repeated: a scheme could quote the value it rejected.
                failures.Add($"{prefix} Secrets:{i} is empty or not in the format the '{scheme.Name}' scheme expects.");
                continue;
            }

            using (ring)
            {
                // A public key is not a secret: it has its fixed length and nothing to guess.
                if (ring.GetKind(0) == WebhookKeyKind.Secret && !KeyRing.IsStrong(ring.GetKey(0)))
                {
                    failures.Add($"{prefix} Secrets:{i} is shorter than {KeyRing.MinimumStrongLength} bytes.");
                }
            }
        }
    }

    /// <summary>
    /// For a registration bound from configuration: the path that was read and, when the secret sits under a near miss
    /// (<c>Secret</c> in the singular, or <c>Secrets</c> holding one string instead of an array), what to rename.
    /// </summary>
    internal static string WhereSecretsWereRead(IConfiguration? configuration)
    {
        const string Forms = "\"Secrets\": [ \"…\" ] in JSON, {0}__0 as an environment variable, or {1}:0 in user secrets";
        if (configuration is null)
        {
            return ": add one to the registration's Secrets (options.Secrets.Add(…)).";
        }

        var section = configuration as IConfigurationSection;
        var basePath = section?.Path;
        string Path(string key) => string.IsNullOrEmpty(basePath) ? key : basePath + ":" + key;
        var secretsPath = Path("Secrets");
        var forms = string.Format(System.Globalization.CultureInfo.InvariantCulture, Forms, secretsPath.Replace(":", "__", StringComparison.Ordinal), secretsPath);
        var secrets = configuration.GetSection("Secrets");
        if (secrets.Value is not null)
        {
            return $". The configuration path {secretsPath} holds a single string, not an array, so no secret was read from it: make it an array ({forms}).";
        }

        var singular = configuration.GetSection("Secret");
        if (singular.Value is not null || singular.GetChildren().Any())
        {
            return $". Nothing was read from the configuration path {secretsPath}, but {Path("Secret")} (singular) is set: rename it to Secrets, an array ({forms}).";
        }

        if (section is not null && !section.Exists())
        {
            return $". Nothing was read from the configuration path {secretsPath}: the section {basePath} is absent (check its spelling and where it is loaded from); set {forms}.";
        }

        return $". Nothing was read from the configuration path {secretsPath}: set {forms}.";
    }
}
