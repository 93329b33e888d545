namespace WebhookSignatures.Cli.Tests;

/// <summary>A file in the temp folder that is deleted when disposed.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(byte[]? content = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"webhooksig-test-{Guid.NewGuid():N}.bin");
        if (content is not null)
        {
            File.WriteAllBytes(Path, content);
        }
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
