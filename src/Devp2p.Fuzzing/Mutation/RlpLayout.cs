namespace Devp2p.Fuzzing.Mutation;

/// <summary>
/// Finds the items of an RLP encoding so mutators can aim at headers and whole items rather than
/// random bytes. Tolerant: it stops at the first header that does not fit and returns what it found,
/// so it also works on the RLP inside a larger input (a discv4 datagram, a padded auth).
/// </summary>
public static class RlpLayout
{
    /// <summary>At most this many items are listed (bombs can hold thousands).</summary>
    public const int MaxItems = 4096;

    public static List<RlpSpan> Scan(ReadOnlySpan<byte> data, int start = 0)
    {
        var found = new List<RlpSpan>();
        var ends = new Stack<int>();
        int position = start;
        int end = data.Length;
        while (position < end && found.Count < MaxItems)
        {
            if (!TryHeader(data, position, end, out var span))
                break;
            found.Add(span);
            if (span.IsList)
            {
                ends.Push(end);
                end = span.End;
                position = span.Offset + span.HeaderLength;
            }
            else
            {
                position = span.End;
            }
            while (position == end && ends.Count > 0)
                end = ends.Pop();
        }
        return found;
    }

    private static bool TryHeader(ReadOnlySpan<byte> data, int position, int end, out RlpSpan span)
    {
        span = default;
        byte prefix = data[position];
        int header, length;
        bool list = prefix >= 0xC0;
        if (prefix < 0x80)
        {
            header = 0;
            length = 1;
        }
        else if (prefix < 0xB8 || (prefix >= 0xC0 && prefix < 0xF8))
        {
            header = 1;
            length = prefix - (list ? 0xC0 : 0x80);
        }
        else
        {
            int sizeBytes = prefix - (list ? 0xF7 : 0xB7);
            if (position + 1 + sizeBytes > end || sizeBytes > 4)
                return false;
            long value = 0;
            for (int i = 0; i < sizeBytes; i++)
                value = (value << 8) | data[position + 1 + i];
            if (value > int.MaxValue)
                return false;
            header = 1 + sizeBytes;
            length = (int)value;
        }
        if (header == 0)
        {
            span = new RlpSpan(position, 0, 1, false);
            return true;
        }
        if ((long)position + header + length > end)
            return false;
        span = new RlpSpan(position, header, length, list);
        return true;
    }
}
