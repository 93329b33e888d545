using System.Buffers;
using System.Runtime.InteropServices;
using WebhookSignatures.Schemes.RequestSigning;

namespace WebhookSignatures.Schemes.Twilio;

/// <summary>
/// The form parameters of an <c>application/x-www-form-urlencoded</c> body as Twilio signs them: decoded (<c>+</c> is a
/// space, <c>%XX</c> a byte; a <c>%</c> that starts no escape is kept), sorted by name and then by value in ordinal
/// order, an identical name and value pair counted once, and written as name then value with nothing between.
/// </summary>
internal static class TwilioFormParameters
{
    /// <summary>Appends the body's sorted parameters to <paramref name="destination"/>. Never throws on what the body holds.</summary>
    public static void Append(ReadOnlySpan<byte> body, ref SignedContentBuffer destination)
    {
        if (body.IsEmpty)
        {
            return;
        }

        // Decoding never lengthens a parameter, and a body of n bytes has at most n / 2 + 1 parameters.
        var decoded = ArrayPool<byte>.Shared.Rent(body.Length);
        var pairs = ArrayPool<Pair>.Shared.Rent((body.Length / 2) + 1);
        try
        {
            var count = Decode(body, decoded, pairs);
            var sorted = pairs.AsSpan(0, count);
            var order = new PairOrder(decoded);
            sorted.Sort(order);
            for (var i = 0; i < sorted.Length; i++)
            {
                if (i > 0 && order.Compare(sorted[i - 1], sorted[i]) == 0)
                {
                    continue;
                }

                destination.Append(decoded.AsSpan(sorted[i].NameStart, sorted[i].NameLength));
                destination.Append(decoded.AsSpan(sorted[i].ValueStart, sorted[i].ValueLength));
            }
        }
        finally
        {
            ArrayPool<Pair>.Shared.Return(pairs);
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static int Decode(ReadOnlySpan<byte> body, byte[] decoded, Pair[] pairs)
    {
        var count = 0;
        var written = 0;
        while (!body.IsEmpty)
        {
            var amp = body.IndexOf((byte)'&');
            var item = amp < 0 ? body : body[..amp];
            body = amp < 0 ? default : body[(amp + 1)..];
            if (item.IsEmpty)
            {
                continue;
            }

            var equals = item.IndexOf((byte)'=');
            var name = equals < 0 ? item : item[..equals];
            var value = equals < 0 ? default : item[(equals + 1)..];
            var nameStart = written;
            written += Unescape(name, decoded.AsSpan(written));
            var valueStart = written;
            written += Unescape(value, decoded.AsSpan(written));
            pairs[count++] = new Pair(nameStart, valueStart - nameStart, valueStart, written - valueStart);
        }

        return count;
    }

    private static int Unescape(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        var written = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'+')
            {
                destination[written++] = (byte)' ';
            }
            else if (c == (byte)'%' && i + 2 < text.Length && Nibble(text[i + 1]) is var high and >= 0 && Nibble(text[i + 2]) is var low and >= 0)
            {
                destination[written++] = (byte)((high << 4) | low);
                i += 2;
            }
            else
            {
                destination[written++] = c;
            }
        }

        return written;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    [StructLayout(LayoutKind.Auto)]
    internal readonly record struct Pair(int NameStart, int NameLength, int ValueStart, int ValueLength);

    private readonly struct PairOrder(byte[] decoded) : IComparer<Pair>
    {
        public int Compare(Pair x, Pair y)
        {
            var byName = decoded.AsSpan(x.NameStart, x.NameLength).SequenceCompareTo(decoded.AsSpan(y.NameStart, y.NameLength));
            return byName != 0 ? byName : decoded.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(decoded.AsSpan(y.ValueStart, y.ValueLength));
        }
    }
}
