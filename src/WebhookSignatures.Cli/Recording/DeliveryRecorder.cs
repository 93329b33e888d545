using System.Globalization;

namespace WebhookSignatures.Cli.Recording;

/// <summary>
/// <c>listen --save &lt;dir&gt;</c>: writes each delivery to its own file, named after when it arrived, its number in
/// this run and its scheme (<c>20260125T040802.504Z-0001-github.json</c>), so a directory listing is in arrival order.
/// </summary>
internal sealed class DeliveryRecorder
{
    private readonly string _directory;
    private int _count;

    private DeliveryRecorder(string directory) => _directory = directory;

    /// <summary>Creates the directory if need be; one that cannot be created is a usage error.</summary>
    public static DeliveryRecorder Open(string directory)
    {
        try
        {
            return new DeliveryRecorder(System.IO.Directory.CreateDirectory(directory).FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--save cannot use the directory '{directory}': {e.Message}", e);
        }
    }

    public string Folder => _directory;

    /// <summary>Writes the delivery; returns the file's path, or throws <see cref="IOException"/> and the like when it cannot.</summary>
    public string Save(RecordedDelivery delivery)
    {
        var number = Interlocked.Increment(ref _count);
        var scheme = delivery.Scheme ?? "unknown";
        var name = string.Create(CultureInfo.InvariantCulture, $"{delivery.ReceivedAt.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{number:D4}-{scheme}.json");
        var path = Path.Combine(_directory, name);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, DeliveryFile.ToJsonBytes(delivery));
        File.Move(temporary, path, overwrite: false);
        return path;
    }
}
