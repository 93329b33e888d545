using System.Net;

namespace WebhookSignatures.AspNetCore.Tests.Support;

/// <summary>A body sent without a Content-Length, in small pieces, as a streaming sender does.</summary>
public sealed class ChunkedContent(byte[] bytes) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length; offset += 4096)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(4096, bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
