namespace WebhookSignatures.Testing.Servers.Tests;

/// <summary>A fact about a Linux mechanism: reported as skipped, not passed, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only";
        }
    }
}
