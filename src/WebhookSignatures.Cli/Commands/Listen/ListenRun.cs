using WebhookSignatures.Cli.Inspector;

namespace WebhookSignatures.Cli.Commands.Listen;

/// <summary>
/// One run of <c>listen</c>: starts the receiver (and the inspector beside it), says where it listens, and waits for
/// Ctrl+C, SIGTERM or the caller before stopping gracefully.
/// </summary>
internal static class ListenRun
{
    public static async Task<int> RunAsync(CliContext context, ListenSettings settings, CancellationToken cancellationToken)
    {
        var log = settings.InspectKeep is { } keep ? new DeliveryLog(keep, DeliveryLog.DefaultMaxBytes, DeliveryLog.DefaultReaderMaxBytes) : null;
        using var inspector = log is null ? null : new InspectorEndpoints(log, settings.InspectRemote);
        var output = new ListenOutput(context, settings, log);

        var receiver = await ListenReceiver.StartAsync(ListenReceiver.Configure(context, settings, inspector), output.OnDelivery, cancellationToken).ConfigureAwait(false);
        await using (receiver.ConfigureAwait(false))
        {
            if (inspector is not null)
            {
                inspector.ReceiverAddress = Loopback(receiver.Addresses[0]);
                inspector.Listening = $"{string.Join(", ", receiver.Addresses.Select(a => new Uri(a, settings.Route).ToString()))} ({settings.SchemeName})";
            }

            output.Listening(receiver.Addresses, receiver.RedisFacts);
            context.ListenerStarted?.Invoke(new Uri(receiver.Addresses[0], settings.Route));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, receiver.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C, SIGTERM or the caller: stop gracefully below.
            }
        }

        output.Stopped();
        return ExitCodes.Valid;
    }

    /// <summary>The receiver's address as the inspector reaches it: a wildcard address is reached on loopback.</summary>
    private static Uri Loopback(Uri address) => address.Host is "0.0.0.0" or "[::]" or "localhost"
        ? new UriBuilder(address) { Host = address.Host == "[::]" ? "[::1]" : "127.0.0.1" }.Uri
        : address;
}
