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
        var prefix = $"Webhook registration '{registration.Name}':";
        if (!schemes.TryGet(registration.SchemeName, out var scheme))
        {
            failures.Add($"{prefix} no scheme is named '{registration.SchemeName}'. Known schemes: {string.Join(", ", schemes.All.Select(static s => s.Name))}; add your own with AddScheme(descriptor).");
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
        if (exactlyOnce.TimeToLive <= TimeSpan.Zero)
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
        CheckSecrets(failures, prefix, scheme.Default, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckStatus(List<string> failures, string prefix, string setting, int status)
    {
        if (status is < 400 or > 599)
        {
            failures.Add($"{prefix} {setting} must be an HTTP error status (400-599).");
        }
    }

    private static void CheckSecrets(List<string> failures, string prefix, WebhookScheme scheme, WebhookRegistrationOptions options)
    {
        if (options.Secrets.Count == 0)
        {
            failures.Add($"{prefix} Secrets must hold at least one secret.");
            return;
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            // Refused like an empty one: whitespace alone is never a sender's secret, and trimming would change any key.
            if (string.IsNullOrWhiteSpace(options.Secrets[i]))
            {
                failures.Add($"{prefix} Secrets:{i} is empty or only whitespace.");
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
}
