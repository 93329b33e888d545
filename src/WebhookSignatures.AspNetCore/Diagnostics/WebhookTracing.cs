using System.Diagnostics;

namespace WebhookSignatures.AspNetCore;

/// <summary>
/// The package's spans, named as OpenTelemetry names spans (operation, then what it acts on): <c>admit &lt;registration&gt;</c>
/// for reading, verifying and reserving one delivery, and a client span per delivery store call (<c>reserve</c>,
/// <c>complete</c>, <c>renew</c>, <c>release</c>, then the registration). Tags as the metrics': registration, scheme,
/// outcome; never a secret or a delivery's id.
/// </summary>
internal static class WebhookTracing
{
    public static readonly ActivitySource Source = new(WebhookSignatureMeter.ActivitySourceName);

    /// <summary>Starts the admission span, or returns <see langword="null"/> when nothing listens.</summary>
    public static Activity? StartAdmission(string registration)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("admit " + registration, ActivityKind.Internal);
        activity?.SetTag("webhook.registration", registration);
        return activity;
    }

    /// <summary>Starts a store call's span under <paramref name="parent"/> (the current span when default).</summary>
    public static Activity? StartStoreCall(string operation, WebhookDeliveryKey key, string scheme, ActivityContext parent)
    {
        var activity = Source.StartActivity(operation + " " + key.RegistrationName, ActivityKind.Client, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("webhook.registration", key.RegistrationName);
            activity.SetTag("webhook.scheme", scheme);
            activity.SetTag("webhook.store.operation", operation);
        }

        return activity;
    }

    /// <summary>Marks a span failed by <paramref name="exception"/>, by its type only (its message may name a server).</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        var type = exception.GetType().FullName;
        activity.SetTag("error.type", type);
        activity.SetStatus(ActivityStatusCode.Error, type);
    }
}
