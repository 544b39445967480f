using System.Buffers.Binary;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Snappy block decoder into the caller's span (github.com/golang/snappy's <c>decode</c>): every
/// literal and copy is bounds-checked against both buffers, a copy must reach back into bytes
/// already written, and the output must come out at exactly the declared length. Returns false
/// on any corruption; never throws on bad input, never allocates.
/// </summary>
internal static class SnappyDecoder
{
    /// <summary>Most output one compressed byte can stand for: a 3-byte copy element yields at most 64 bytes.</summary>
    public const int MaxExpansion = 22;

    /// <summary>Decodes the elements in <paramref name="src"/> (after the length header) to fill <paramref name="dst"/> exactly.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int d = 0, s = 0;
        while (s < src.Length)
        {
            byte tag = src[s];
            long length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                {
                    uint x = (uint)tag >> 2;
                    if (x < 60)
                    {
                        s++;
                    }
                    else
                    {
                        int extra = (int)x - 59; // 1..4 length bytes follow
                        if (src.Length - s < 1 + extra)
                            return false;
                        x = 0;
                        for (int k = extra; k >= 1; k--)
                            x = x << 8 | src[s + k];
                        s += 1 + extra;
                    }
                    length = (long)x + 1;
                    if (length > dst.Length - d || length > src.Length - s)
                        return false;
                    src.Slice(s, (int)length).CopyTo(dst[d..]);
                    d += (int)length;
                    s += (int)length;
                    continue;
                }
                case 1:
                    if (src.Length - s < 2)
                        return false;
                    length = 4 + ((tag >> 2) & 7);
                    offset = (tag & 0xe0) << 3 | src[s + 1];
                    s += 2;
                    break;
                case 2:
                    if (src.Length - s < 3)
                        return false;
                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(src[(s + 1)..]);
                    s += 3;
                    break;
                default:
                    if (src.Length - s < 5)
                        return false;
                    length = 1 + (tag >> 2);
                    uint wide = BinaryPrimitives.ReadUInt32LittleEndian(src[(s + 1)..]);
                    if (wide > int.MaxValue)
                        return false;
                    offset = (int)wide;
                    s += 5;
                    break;
            }
            if (offset <= 0 || d < offset || length > dst.Length - d)
                return false;
            int n = (int)length;
            if (offset >= n)
            {
                dst.Slice(d - offset, n).CopyTo(dst[d..]);
            }
            else
            {
                // Overlapping copy: a run repeating the last `offset` bytes, byte by byte forward.
                for (int k = 0; k < n; k++)
                    dst[d + k] = dst[d - offset + k];
            }
            d += n;
        }
        return d == dst.Length;
    }
}
