using System.Buffers;

namespace WebhookSignatures.Tests;

/// <summary>Builds multi-segment sequences, as a pipe reader hands over a body that arrived in several reads.</summary>
internal static class Segments
{
    /// <summary>The bytes in segments of <paramref name="segmentLength"/> bytes (the last one shorter); one segment when they fit in one.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, int segmentLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentLength);
        if (data.Length <= segmentLength)
        {
            return new ReadOnlySequence<byte>(data);
        }

        var first = new Segment(data.AsMemory(0, segmentLength), 0);
        var last = first;
        for (var offset = segmentLength; offset < data.Length; offset += segmentLength)
        {
            last = last.Append(data.AsMemory(offset, Math.Min(segmentLength, data.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes in three segments (fewer when there are fewer than three bytes).</summary>
    public static ReadOnlySequence<byte> InThree(byte[] data) => Split(data, Math.Max(1, (data.Length + 2) / 3));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
