using System.Text;

namespace WebhookSignatures.Cli.Output;

/// <summary>
/// Writes a secret to a file that only its owner can read or write: on Unix it is created with mode 0600 (the umask
/// can only narrow that) and its mode is never changed afterwards. An existing file is replaced only when asked, and
/// then by a new file renamed over it, so the old file's wider mode never applies to the secret.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Writes <paramref name="text"/> and a line break to <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file exists and <paramref name="replace"/> is not set, or it cannot be written.</exception>
    public static void Write(string path, string text, bool replace)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"'{path}' is a folder; give a file path for the secret.");
        }

        if (!replace && File.Exists(full))
        {
            throw new UsageException($"'{path}' exists; nothing was written. Give another path, or add --force to replace it.");
        }

        var content = Encoding.UTF8.GetBytes(text + "\n");
        try
        {
            if (!replace)
            {
                Create(full, content);
                return;
            }

            // A new owner-only file beside the target, renamed over it: the secret never lands in the old file.
            var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                Create(temporary, content);
                File.Move(temporary, full, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        catch (IOException e) when (!replace && File.Exists(full))
        {
            throw new UsageException($"'{path}' exists; nothing was written. Give another path, or add --force to replace it.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UsageException($"Cannot write '{path}': {e.Message}", e);
        }
    }

    private static void Create(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
