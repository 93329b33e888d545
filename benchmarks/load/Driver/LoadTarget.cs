namespace WebhookSignatures.LoadDriver;

/// <summary>A receiver under load: its name in the table, its URL, its connections, and the processes whose CPU counts for it.</summary>
/// <param name="Name">memory, redis, …</param>
/// <param name="Url">The verified route.</param>
/// <param name="Connections">Opened before anything is timed and kept for the whole run.</param>
/// <param name="Processes">(name, pid) of the receiver and of anything it depends on, such as redis-server.</param>
public sealed record LoadTarget(string Name, Uri Url, IReadOnlyList<LoadConnection> Connections, IReadOnlyList<(string Name, int Pid)> Processes);
