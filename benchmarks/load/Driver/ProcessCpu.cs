using System.Diagnostics;
using System.Globalization;

namespace WebhookSignatures.LoadDriver;

/// <summary>CPU time a process has used (user and system, all threads), from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
public static class ProcessCpu
{
    // Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every mainstream kernel.
    private const double TicksPerSecond = 100;

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
}
