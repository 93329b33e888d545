using System.Net;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>Sends the first bytes of a body and then nothing until released (or 30 seconds pass).</summary>
public sealed class StalledContent(byte[] start) : HttpContent
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(start);
        await stream.FlushAsync();
        await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
