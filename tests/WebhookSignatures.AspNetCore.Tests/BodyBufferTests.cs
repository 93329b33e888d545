using System.Buffers;
using System.IO.Pipelines;
using WebhookSignatures.AspNetCore.Tests.Support;

namespace WebhookSignatures.AspNetCore.Tests;

/// <summary>The one body reader: whole bodies up to the limit, nothing beyond, a deadline that costs nothing until a read waits.</summary>
public sealed class BodyBufferTests
{
    private const int Limit = 256 * 1024;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<bool, int, bool> SizesAgainstTheLimit()
    {
        var data = new TheoryData<bool, int, bool>();
        foreach (var throughPipe in new[] { true, false })
        {
            data.Add(throughPipe, 0, true);
            data.Add(throughPipe, 1, true);
            data.Add(throughPipe, 16 * 1024, true);
            data.Add(throughPipe, (16 * 1024) + 1, true);
            data.Add(throughPipe, Limit - 1, true);
            data.Add(throughPipe, Limit, true);
            data.Add(throughPipe, Limit + 1, false);
            data.Add(throughPipe, Limit * 4, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAgainstTheLimit))]
    public async Task A_streamed_body_is_kept_whole_up_to_the_limit_and_refused_beyond(bool throughPipe, int size, bool fits)
    {
        var bytes = Pattern(size);

        using var buffer = await ReadAsync(throughPipe, new TrickleStream(bytes), null);

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
    [InlineData(true, 0)]
    [InlineData(true, 1)]
    [InlineData(true, Limit - 1)]
    [InlineData(true, Limit)]
    [InlineData(false, 0)]
    [InlineData(false, 1)]
    [InlineData(false, Limit - 1)]
    [InlineData(false, Limit)]
    public async Task A_body_with_a_declared_length_is_read_exactly(bool throughPipe, int size)
    {
        var bytes = Pattern(size);

        using var buffer = await ReadAsync(throughPipe, new TrickleStream(bytes), size);

        buffer!.Memory.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task The_body_stream_reads_the_buffered_bytes_and_nothing_after_dispose()
    {
        var bytes = Pattern(1000);
        var buffer = await ReadAsync(throughPipe: false, new TrickleStream(bytes), null);
        using var copy = new MemoryStream();

        await buffer!.CreateStream().CopyToAsync(copy);
        buffer.Dispose();

        copy.ToArray().Should().Equal(bytes);
        FluentActions.Invoking(() => buffer.Memory.Span.ToArray()).Should().Throw<ObjectDisposedException>("the array went back to the pool");
        FluentActions.Invoking(() => buffer.CreateStream().ReadByte()).Should().Throw<ObjectDisposedException>();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_that_has_already_arrived_is_read_without_arming_a_timer(bool throughPipe)
    {
        var bytes = Pattern(5000);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.CompleteAsync();
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch, ReadTimeout);

        using var buffer = await ReadAsync(throughPipe, pipe, bytes.Length, ArrayPool<byte>.Shared, time, CancellationToken.None);

        buffer!.Memory.ToArray().Should().Equal(bytes);
        time.TimerCreated.IsCompleted.Should().BeFalse("nothing had to wait");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_that_stops_arriving_times_out_when_the_deadline_passes_and_returns_its_array(bool throughPipe)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Pattern(100));
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch, ReadTimeout);
        var pool = new CountingArrayPool();

        var reading = ReadAsync(throughPipe, pipe, 1000, pool, time, CancellationToken.None);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        reading.IsCompleted.Should().BeFalse("the rest of the body has not come and the deadline has not passed");
        time.Advance(ReadTimeout);

        await FluentActions.Awaiting(() => reading.WaitAsync(TimeSpan.FromSeconds(20))).Should().ThrowAsync<TimeoutException>();
        pool.Returned.Should().Be(pool.Rented);
        pool.Rented.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_read_cancelled_by_someone_else_is_not_reported_as_a_timeout()
    {
        var pipe = new Pipe();
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch, ReadTimeout);

        var reading = WebhookBodyReader.ReadAsync(pipe.Reader, 1000, Limit, ArrayPool<byte>.Shared, ReadTimeout, time, CancellationToken.None);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        pipe.Reader.CancelPendingRead();

        var thrown = await FluentActions.Awaiting(() => reading.WaitAsync(TimeSpan.FromSeconds(20))).Should().ThrowAsync<OperationCanceledException>();
        thrown.Which.Should().NotBeOfType<TimeoutException>();
    }

    [Fact]
    public async Task A_stream_read_cancelled_by_the_caller_is_not_reported_as_a_timeout()
    {
        var pipe = new Pipe();
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch, ReadTimeout);
        using var caller = new CancellationTokenSource();

        var reading = WebhookBodyReader.ReadAsync(PipeReader.Create(pipe.Reader.AsStream()), 1000, Limit, ArrayPool<byte>.Shared, ReadTimeout, time, caller.Token);
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(20));
        await caller.CancelAsync();

        var thrown = await FluentActions.Awaiting(() => reading.WaitAsync(TimeSpan.FromSeconds(20))).Should().ThrowAsync<OperationCanceledException>();
        thrown.Which.Should().NotBeOfType<TimeoutException>();
    }

    // A body arriving through a pipe, read as Kestrel's is (the server's own pipe) or as other servers' are (through the
    // pipe ASP.NET Core draws over their body stream).
    private static Task<WebhookBodyBuffer?> ReadAsync(bool throughPipe, Pipe pipe, long? contentLength, ArrayPool<byte> pool, TimeProvider time, CancellationToken cancellationToken) =>
        WebhookBodyReader.ReadAsync(throughPipe ? pipe.Reader : PipeReader.Create(pipe.Reader.AsStream()), contentLength, Limit, pool, ReadTimeout, time, cancellationToken);

    // The bytes of a stream, arriving in the server's own pipe (as Kestrel receives them) or read through the pipe
    // ASP.NET Core draws over a server's body stream.
    private static async Task<WebhookBodyBuffer?> ReadAsync(bool throughPipe, Stream body, long? contentLength)
    {
        PipeReader reader;
        if (throughPipe)
        {
            var pipe = new Pipe();
            _ = Task.Run(async () =>
            {
                await body.CopyToAsync(pipe.Writer);
                await pipe.Writer.CompleteAsync();
            });
            reader = pipe.Reader;
        }
        else
        {
            reader = PipeReader.Create(body);
        }

        try
        {
            return await WebhookBodyReader.ReadAsync(reader, contentLength, Limit, ArrayPool<byte>.Shared, ReadTimeout, TimeProvider.System, CancellationToken.None);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static byte[] Pattern(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

    /// <summary>Returns at most 1000 bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
