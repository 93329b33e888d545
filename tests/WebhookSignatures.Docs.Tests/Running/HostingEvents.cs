using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace WebhookSignatures.Docs.Tests.Running;

/// <summary>
/// Hears the generic host's diagnostic events ("HostBuilding", "HostBuilt"), as ASP.NET Core's
/// <c>WebApplicationFactory</c> does, and hands them to the <see cref="ProgramRun"/> whose program raised them: the one
/// <see cref="Current"/> holds on the program's own thread. Hosts built elsewhere in the process are left alone.
/// </summary>
internal static class HostingEvents
{
    private const string ListenerName = "Microsoft.Extensions.Hosting";

    private static readonly AsyncLocal<ProgramRun?> CurrentRun = new();
    private static readonly Lazy<IDisposable> Subscription = new(() => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver()));

    /// <summary>The run whose program executes on this flow; set by the run on the program's thread.</summary>
    public static ProgramRun? Current
    {
        get => CurrentRun.Value;
        set
        {
            _ = Subscription.Value;
            CurrentRun.Value = value;
        }
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == ListenerName)
            {
                value.Subscribe(new EventObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            switch (value)
            {
                case { Key: "HostBuilding", Value: IHostBuilder builder }:
                    Current?.OnHostBuilding(builder);
                    break;
                case { Key: "HostBuilt", Value: IHost host }:
                    Current?.OnHostBuilt(host);
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
