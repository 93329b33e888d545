using System.Globalization;
using System.Text.RegularExpressions;
using WebhookSignatures.Cli.Output;

namespace WebhookSignatures.Cli.Recording;

/// <summary>
/// <c>listen --save &lt;dir&gt;</c>: writes each delivery to its own file, named after when it arrived, its number in
/// this run, its scheme and whether it was refused (<c>20260125T040802.504Z-0001-github.json</c>,
/// <c>…-0002-github-refused.json</c>), so a directory listing is in arrival order. The directory holds at most
/// <c>maxFiles</c> recordings and <c>maxBytes</c> bytes of them, those already there counted: once the next one would
/// pass either, recording stops for the run. No recording is ever deleted.
/// </summary>
internal sealed partial class DeliveryRecorder
{
    /// <summary>The default bound on the bytes of the recordings in the directory: 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>The default bound on the number of recordings in the directory.</summary>
    public const int DefaultMaxFiles = 10_000;

    private readonly object _lock = new();
    private readonly string _directory;
    private int _count;
    private long _files;
    private long _bytes;

    private DeliveryRecorder(string directory, long maxBytes, int maxFiles, long files, long bytes)
    {
        _directory = directory;
        MaxBytes = maxBytes;
        MaxFiles = maxFiles;
        _files = files;
        _bytes = bytes;
        Stopped = files >= maxFiles || bytes >= maxBytes;
    }

    public string Folder => _directory;

    public long MaxBytes { get; }

    public int MaxFiles { get; }

    /// <summary>Whether recording has stopped (the directory is full); it never starts again in this run.</summary>
    public bool Stopped { get; private set; }

    /// <summary>What the directory holds, as the limits count it.</summary>
    public string Holding
    {
        get
        {
            lock (_lock)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{_files} recording{(_files == 1 ? string.Empty : "s")}, {ByteSize.Format(_bytes)}");
            }
        }
    }

    /// <summary>Creates the directory if need be and counts the recordings in it; one that cannot be used is a usage error.</summary>
    public static DeliveryRecorder Open(string directory, long maxBytes = DefaultMaxBytes, int maxFiles = DefaultMaxFiles)
    {
        try
        {
            var folder = Directory.CreateDirectory(directory);
            long files = 0;
            long bytes = 0;
            foreach (var file in folder.EnumerateFiles("*.json"))
            {
                if (RecordingName().IsMatch(file.Name))
                {
                    files++;
                    bytes += file.Length;
                }
            }

            return new DeliveryRecorder(folder.FullName, maxBytes, maxFiles, files, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            throw new UsageException($"--save cannot use the directory '{directory}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes the delivery within the limits. Returns the file's path, or null when recording has stopped;
    /// <paramref name="stoppedNow"/> is true for the one delivery that found the directory full, so it is said once.
    /// Throws <see cref="IOException"/> and the like when the file cannot be written.
    /// </summary>
    public string? Save(RecordedDelivery delivery, out bool stoppedNow)
    {
        stoppedNow = false;
        var bytes = DeliveryFile.ToJsonBytes(delivery);
        lock (_lock)
        {
            if (Stopped)
            {
                return null;
            }

            if (_files + 1 > MaxFiles || _bytes + bytes.Length > MaxBytes)
            {
                Stopped = true;
                stoppedNow = true;
                return null;
            }

            var number = ++_count;
            var scheme = delivery.Scheme ?? "unknown";
            var name = string.Create(
                CultureInfo.InvariantCulture,
                $"{delivery.ReceivedAt.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{number:D4}-{scheme}{(delivery.Refused == true ? "-refused" : string.Empty)}.json");
            var path = Path.Combine(_directory, name);
            var temporary = path + ".tmp";
            try
            {
                File.WriteAllBytes(temporary, bytes);
                File.Move(temporary, path, overwrite: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A part written is no recording: only it is removed.
                File.Delete(temporary);
                throw;
            }

            _files++;
            _bytes += bytes.Length;
            return path;
        }
    }

    [GeneratedRegex(@"^[0-9]{8}T[0-9]{6}\.[0-9]{3}Z-[0-9]+-.+\.json$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RecordingName();
}
