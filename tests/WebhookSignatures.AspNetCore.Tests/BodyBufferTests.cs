namespace WebhookSignatures.AspNetCore.Tests;

public sealed class BodyBufferTests
{
    private const int Limit = 256 * 1024;

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(16 * 1024, true)]
    [InlineData(16 * 1024 + 1, true)]
    [InlineData(Limit - 1, true)]
    [InlineData(Limit, true)]
    [InlineData(Limit + 1, false)]
    [InlineData(Limit * 4, false)]
    public async Task A_streamed_body_is_kept_whole_up_to_the_limit_and_refused_beyond(int size, bool fits)
    {
        var bytes = Pattern(size);

        using var buffer = await WebhookBodyBuffer.ReadAsync(new TrickleStream(bytes), null, Limit, CancellationToken.None);

        if (fits)
        {
            buffer.Should().NotBeNull();
            buffer!.Memory.ToArray().Should().Equal(bytes);
        }
        else
        {
            buffer.Should().BeNull();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Limit - 1)]
    [InlineData(Limit)]
    public async Task A_body_with_a_declared_length_is_read_exactly(int size)
    {
        var bytes = Pattern(size);

        using var buffer = await WebhookBodyBuffer.ReadAsync(new TrickleStream(bytes), size, Limit, CancellationToken.None);

        buffer!.Memory.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task The_body_stream_reads_the_buffered_bytes_and_nothing_after_dispose()
    {
        var bytes = Pattern(1000);
        var buffer = await WebhookBodyBuffer.ReadAsync(new TrickleStream(bytes), null, Limit, CancellationToken.None);
        using var copy = new MemoryStream();

        await buffer!.CreateStream().CopyToAsync(copy);
        buffer.Dispose();

        copy.ToArray().Should().Equal(bytes);
        buffer.Memory.IsEmpty.Should().BeTrue("the array went back to the pool");
    }

    private static byte[] Pattern(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

    /// <summary>Returns at most 1000 bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
