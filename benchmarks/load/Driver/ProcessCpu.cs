using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.LoadDriver;

/// <summary>
/// CPU time a process has used (user and system, all threads), from <c>/proc/&lt;pid&gt;/stat</c>; for a server that
/// serves each connection from a process of its own (PostgreSQL), the process and its children together.
/// </summary>
public static class ProcessCpu
{
    // Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every mainstream kernel.
    private const double TicksPerSecond = 100;

    /// <summary>The CPU time of <paramref name="pid"/> and of its living children (a PostgreSQL server's backends).</summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = Of(pid);
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && child != pid && ParentOf(child) == pid)
            {
                total += Of(child);
            }
        }

        return total;
    }

    /// <summary>The CPU time of <paramref name="pid"/>, or of this process when it is 0; zero when it cannot be read.</summary>
    public static TimeSpan Of(int pid)
    {
        if (pid == 0)
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");

            // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return TimeSpan.Zero;
        }
    }

    // Field 4 of /proc/<pid>/stat; 0 when the process has gone.
    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
