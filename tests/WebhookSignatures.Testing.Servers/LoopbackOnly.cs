using System.Net;

namespace WebhookSignatures.Testing.Servers;

/// <summary>
/// The tests talk to this machine only: a server named in the environment must be on a loopback address (or a Unix
/// socket), decided from the text alone, before any connection is opened.
/// </summary>
internal static class LoopbackOnly
{
    /// <summary>True for <c>localhost</c>, 127.0.0.0/8, <c>::1</c>, and an absolute path (a Unix socket's folder).</summary>
    public static bool IsLocal(string host)
    {
        host = host.Trim();
        if (host.StartsWith('/'))
        {
            return true;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>
    /// The host and port of a Redis configuration string's first endpoint (<c>host:port</c>, options after commas),
    /// refused unless every endpoint is local.
    /// </summary>
    public static (string Host, int Port) RedisEndpoint(string variable, string configuration)
    {
        var endpoints = configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => !part.Contains('=', StringComparison.Ordinal))
            .Select(part => Parse(variable, configuration, part))
            .ToArray();
        if (endpoints.Length == 0)
        {
            throw new InvalidOperationException($"{variable}={configuration} names no host:port.");
        }

        return endpoints[0];
    }

    /// <summary>Refuses a PostgreSQL connection string whose hosts are not all local.</summary>
    public static void RequirePostgresHosts(string variable, IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            if (!IsLocal(host))
            {
                throw new InvalidOperationException($"{variable} names the host {host}; the tests connect to loopback addresses and Unix sockets only.");
            }
        }
    }

    private static (string Host, int Port) Parse(string variable, string configuration, string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var host = colon > 0 ? endpoint[..colon] : endpoint;
        var port = 6379;
        var badPort = colon > 0 && (!int.TryParse(endpoint.AsSpan(colon + 1), out port) || port is < 1 or > 65535);
        if (badPort || (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')))
        {
            throw new InvalidOperationException($"{variable}={configuration}: {endpoint} is not host:port.");
        }

        if (!IsLocal(host))
        {
            throw new InvalidOperationException($"{variable}={configuration} names the host {host}; the tests connect to loopback addresses only.");
        }

        return (host.Trim('[', ']'), port);
    }
}
