using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// Finds a registration's scheme and key ring for a request. Options come from <see cref="IOptionsMonitor{TOptions}"/>
/// on every call; the scheme and ring are rebuilt only when the monitor hands out a new options instance,
/// which it does after a configuration reload.
/// </summary>
internal sealed class WebhookRegistrationCatalog
{
    private readonly Dictionary<string, WebhookRegistration> _registrations;
    private readonly ConcurrentDictionary<string, ActiveWebhookRegistration> _active = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<WebhookSignatureOptions> _options;
    private readonly TimeProvider _time;

    public WebhookRegistrationCatalog(IEnumerable<WebhookRegistration> registrations, IOptionsMonitor<WebhookSignatureOptions> options, TimeProvider time)
    {
        _registrations = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _options = options;
        _time = time;
    }

    /// <summary>Returns the active registration.</summary>
    /// <exception cref="InvalidOperationException">No registration has this name (a programming error).</exception>
    /// <exception cref="OptionsValidationException">The current options are invalid (for example after a bad reload).</exception>
    public ActiveWebhookRegistration Get(string name)
    {
        if (!_registrations.TryGetValue(name, out var registration))
        {
            throw new InvalidOperationException(
                $"No webhook registration is named '{name}'. Register it with AddWebhookSignatures().AddScheme(\"{name}\", …) or AddInfisical/AddSnyk/AddGitHub.");
        }

        var options = _options.Get(name);
        if (_active.TryGetValue(name, out var active) && ReferenceEquals(active.Options, options))
        {
            return active;
        }

        var scheme = registration.CreateScheme(new WebhookSchemeOptions { Tolerance = options.Tolerance, TimeProvider = _time });
        // The replaced ring is left to the garbage collector rather than disposed: requests in flight may still use it.
        active = new ActiveWebhookRegistration(name, options, scheme, scheme.CreateKeyRing(options.Secrets));
        _active[name] = active;
        return active;
    }
}
