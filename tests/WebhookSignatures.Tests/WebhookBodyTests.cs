using System.Buffers;
using System.Runtime.InteropServices;

namespace WebhookSignatures.Tests;

/// <summary>
/// A body that arrives in pieces, read into one pooled buffer: up to its limit and never past it, grown with what
/// arrived and never with what a sender declared, and cleared before the buffer goes back to the pool.
/// </summary>
public sealed class WebhookBodyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(100_000)]
    public async Task A_stream_is_read_whole_up_to_the_limit_inclusive(int length)
    {
        var bytes = Bytes(length);
        using var stream = new TrickleStream(bytes, 1000);

        using var body = await WebhookBody.ReadAsync(stream, length);

        body.Should().NotBeNull();
        body!.Length.Should().Be(length);
        body.Span.ToArray().Should().Equal(bytes);
        body.Memory.ToArray().Should().Equal(bytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4096)]
    [InlineData(65_536)]
    public async Task A_stream_one_byte_over_the_limit_is_refused_having_read_at_most_one_byte_more(int limit)
    {
        using var stream = new TrickleStream(Bytes(10 * (limit + 1)), 1000);

        var body = await WebhookBody.ReadAsync(stream, limit);

        body.Should().BeNull();
        stream.BytesRead.Should().BeLessThanOrEqualTo(limit + 1, "a body past its limit is never read to its end");
    }

    [Fact]
    public async Task A_limit_out_of_range_is_an_argument_error()
    {
        using var stream = new MemoryStream();

        await FluentActions.Awaiting(() => WebhookBody.ReadAsync(stream, -1).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => WebhookBody.ReadAsync(stream, Array.MaxLength).AsTask()).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Reading_is_cancelled_with_the_token()
    {
        using var stream = new TrickleStream(Bytes(10_000), 100);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => WebhookBody.ReadAsync(stream, 100_000, cancelled.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void A_sequence_of_several_segments_is_copied_in_order()
    {
        var bytes = Bytes(10_000);

        using var body = WebhookBody.From(Segments.Split(bytes, 333));

        body.Span.ToArray().Should().Equal(bytes);
        using var empty = WebhookBody.From(ReadOnlySequence<byte>.Empty);
        empty.Length.Should().Be(0);
    }

    [Fact]
    public void A_disposed_body_is_cleared_and_refuses_to_be_read()
    {
        var bytes = Bytes(5000);
        var body = WebhookBody.From(Segments.InThree(bytes));
        MemoryMarshal.TryGetArray(body.Memory, out var segment).Should().BeTrue();
        var buffer = segment.Array!;

        body.Dispose();
        body.Dispose();

        buffer.AsSpan(0, bytes.Length).ToArray().Should().OnlyContain(b => b == 0, "a body's bytes never go back to the pool readable");
        FluentActions.Invoking(() => body.Span.Length).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => body.Memory).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Every_buffer_a_stream_outgrew_or_overflowed_was_cleared_before_it_went_back()
    {
        // Grown from 4 KiB through 8, 16 and 32 KiB: each smaller buffer goes back to the pool as the body outgrows it.
        var pool = new ReturnedBuffers();
        var bytes = Bytes(20_000, fill: 0xAB);
        using (var stream = new TrickleStream(bytes, 3000))
        using (var body = await WebhookBody.ReadAsync(stream, 1_000_000))
        {
            pool.Watch(body!);
        }

        using var tooLong = new TrickleStream(Bytes(20_000, fill: 0xCD), 3000);
        (await WebhookBody.ReadAsync(tooLong, 10_000)).Should().BeNull();

        // The shared pool hands this thread's most recently returned array of a size out first (every read above completed
        // on this thread): rent what was just given back and look.
        foreach (var size in new[] { 4096, 8192, 16_384, 32_768 })
        {
            var rented = ArrayPool<byte>.Shared.Rent(size);
            rented.Should().NotContain((byte)0xAB).And.NotContain((byte)0xCD);
            pool.Hold(rented);
        }

        pool.Release();
        pool.Watched.Should().OnlyContain(b => b == 0);
    }

    private static byte[] Bytes(int length, byte? fill = null)
    {
        var bytes = new byte[length];
        if (fill is { } value)
        {
            bytes.AsSpan().Fill(value);
        }
        else
        {
            new Random(length).NextBytes(bytes);
        }

        return bytes;
    }

    /// <summary>Arrays rented from the shared pool during a test, returned at its end; and the one a body held.</summary>
    private sealed class ReturnedBuffers
    {
        private readonly List<byte[]> _held = [];

        public byte[] Watched { get; private set; } = [];

        public void Watch(WebhookBody body)
        {
            MemoryMarshal.TryGetArray(body.Memory, out var segment).Should().BeTrue();
            Watched = segment.Array!;
        }

        public void Hold(byte[] rented) => _held.Add(rented);

        public void Release()
        {
            foreach (var array in _held)
            {
                ArrayPool<byte>.Shared.Return(array);
            }

            _held.Clear();
        }
    }

    /// <summary>A stream that hands over at most <c>chunk</c> bytes a read, as a network does, and counts what was read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;

        public int BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(buffer.Length, chunk), bytes.Length - _position);
            bytes.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
