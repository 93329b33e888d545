using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebhookSignatures.Tests.Sending.Guard;

/// <summary>
/// The guard's resolver in tests: answers each name with the addresses the test scripted, one answer per lookup (the
/// last answer repeats), and never asks real DNS. An unknown name is not found.
/// </summary>
internal sealed class ScriptedResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IPAddress[]> _last = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every name looked up, in order.</summary>
    public ConcurrentQueue<string> Lookups { get; } = new();

    /// <summary>Scripts the answers for <paramref name="name"/>: the first lookup gets the first, and so on.</summary>
    public ScriptedResolver Answer(string name, params IPAddress[][] answers)
    {
        _answers[name] = new ConcurrentQueue<IPAddress[]>(answers);
        return this;
    }

    /// <summary>Scripts one answer of one or more addresses for every lookup of <paramref name="name"/>.</summary>
    public ScriptedResolver Always(string name, params string[] addresses) => Answer(name, [.. addresses.Select(IPAddress.Parse)]);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(host);
        if (_answers.TryGetValue(host, out var queue))
        {
            if (queue.TryDequeue(out var answer))
            {
                _last[host] = answer;
                return Task.FromResult(answer);
            }

            if (_last.TryGetValue(host, out var last))
            {
                return Task.FromResult(last);
            }
        }

        return Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
