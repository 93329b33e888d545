using System.Diagnostics;

namespace WebhookSignatures.Testing.Servers;

/// <summary>What the kernel says about a process.</summary>
internal static class ProcessState
{
    /// <summary>
    /// Returns once a process that was sent SIGSTOP has stopped (Linux: state T in <c>/proc/pid/stat</c>); elsewhere
    /// returns at once, the signal having been sent.
    /// </summary>
    public static async Task UntilStoppedAsync(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        while (State(pid) is not ('T' or 't' or null) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5);
        }
    }

    private static char? State(int pid)
    {
        try
        {
            // The state follows the parenthesised command name.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..][0];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
