using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The application's registrations: finds a registration's scheme (from the application's <see cref="WebhookSchemeCatalog"/>)
/// and key ring for a request. Options come from <see cref="IOptionsMonitor{TOptions}"/>
/// on every call; the scheme and ring are rebuilt only when the monitor hands out a new options instance,
/// which it does after a configuration reload. A replaced ring is disposed once no request uses it any more.
/// </summary>
internal sealed class WebhookRegistrations : IDisposable
{
    private readonly Dictionary<string, WebhookRegistration> _registrations;
    private readonly ConcurrentDictionary<string, ActiveWebhookRegistration> _active = new(StringComparer.Ordinal);
    private readonly WebhookSchemeCatalog _schemes;
    private readonly IOptionsMonitor<WebhookRegistrationOptions> _options;
    private readonly TimeProvider _time;
    private readonly object _replacing = new();
    private bool _disposed;

    public WebhookRegistrations(IEnumerable<WebhookRegistration> registrations, WebhookSchemeCatalog schemes, IOptionsMonitor<WebhookRegistrationOptions> options, TimeProvider time)
    {
        _registrations = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _schemes = schemes;
        _options = options;
        _time = time;
    }

    /// <summary>Returns the active registration with a lease taken; the caller must <see cref="ActiveWebhookRegistration.Release"/> it.</summary>
    /// <exception cref="InvalidOperationException">No registration has this name (a programming error).</exception>
    /// <exception cref="OptionsValidationException">The current options are invalid (for example after a bad reload).</exception>
    public ActiveWebhookRegistration Acquire(string name)
    {
        if (!_registrations.TryGetValue(name, out var registration))
        {
            throw new InvalidOperationException(
                $"No webhook registration is named '{name}'. Register it with AddWebhookSignatures().Add(\"{name}\", <scheme name>, …) or AddStripe/AddGitHub/….");
        }

        var options = _options.Get(name);
        if (_active.TryGetValue(name, out var current) && ReferenceEquals(current.Options, options) && current.TryAcquire())
        {
            return current;
        }

        lock (_replacing)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            options = _options.Get(name);
            if (!_active.TryGetValue(name, out current) || !ReferenceEquals(current.Options, options))
            {
                // No tolerance configured is the scheme's own window: its sender's, written once in the scheme.
                var descriptor = _schemes.Get(registration.SchemeName);
                var scheme = descriptor.Create(new WebhookSchemeOptions { Tolerance = options.Tolerance, TimeProvider = _time });
                var timeToLive = options.ExactlyOnce.TimeToLive ?? descriptor.DefaultTimeToLive ?? WebhookExactlyOnceOptions.DefaultTimeToLive;
                var replaced = current;
                current = new ActiveWebhookRegistration(name, options, scheme, scheme.CreateKeyRing(options.Secrets), timeToLive);
                _active[name] = current;
                replaced?.Release();
            }

            // The catalog's own lease is given up only under this lock, so the current registration is never retired here.
            current.TryAcquire();
            return current;
        }
    }

    /// <summary>Gives up the catalog's leases: each ring is disposed now or when its last request finishes.</summary>
    public void Dispose()
    {
        lock (_replacing)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var active in _active.Values)
            {
                active.Release();
            }

            _active.Clear();
        }
    }
}
