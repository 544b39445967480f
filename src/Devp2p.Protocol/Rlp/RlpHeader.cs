using System.Runtime.CompilerServices;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// The parsed prefix of one item: its kind and where its payload lies. Parsing is where all
/// canonical-size rules are enforced, once, for the reader, the validator and the tree decoder,
/// and no length is ever used before it has been checked against the bytes actually present.
/// </summary>
internal readonly struct RlpHeader
{
    /// <summary>Largest payload that uses the one-byte short form.</summary>
    public const int MaxShortLength = 55;

    public const byte ShortString = 0x80;
    public const byte LongString = 0xB8;
    public const byte ShortList = 0xC0;
    public const byte LongList = 0xF8;

    private RlpHeader(RlpKind kind, int contentOffset, int contentLength)
    {
        Kind = kind;
        ContentOffset = contentOffset;
        ContentLength = contentLength;
    }

    public RlpKind Kind { get; }

    /// <summary>Index of the first payload byte in the span the header was read from.</summary>
    public int ContentOffset { get; }

    public int ContentLength { get; }

    /// <summary>Index just past the item.</summary>
    public int End => ContentOffset + ContentLength;

    /// <summary>
    /// Reads the header of the item at <paramref name="position"/>. <paramref name="data"/> ends
    /// where the enclosing list (or the input) ends; <paramref name="baseOffset"/> is added to
    /// every offset reported in errors so they point into the outermost input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RlpHeader Read(ReadOnlySpan<byte> data, int position, int baseOffset, bool inList)
    {
        if ((uint)position >= (uint)data.Length)
            RlpThrow.UnexpectedEnd(baseOffset + position, inList);

        byte prefix = data[position];
        if (prefix < ShortString)
            return new RlpHeader(RlpKind.ByteString, position, 1);
        if (prefix < LongString)
            return ReadShortString(data, position, prefix - ShortString, baseOffset, inList);
        if (prefix < ShortList)
            return ReadLong(data, position, prefix - (LongString - 1), RlpKind.ByteString, baseOffset, inList);
        if (prefix < LongList)
            return ReadShort(data, position, prefix - ShortList, RlpKind.List, baseOffset, inList);
        return ReadLong(data, position, prefix - (LongList - 1), RlpKind.List, baseOffset, inList);
    }

    private static RlpHeader ReadShortString(ReadOnlySpan<byte> data, int position, int length, int baseOffset, bool inList)
    {
        var header = ReadShort(data, position, length, RlpKind.ByteString, baseOffset, inList);
        if (length == 1 && data[position + 1] < ShortString)
            RlpThrow.NonCanonicalSingleByte(baseOffset + position, data[position + 1]);
        return header;
    }

    private static RlpHeader ReadShort(ReadOnlySpan<byte> data, int position, int length, RlpKind kind, int baseOffset, bool inList)
    {
        int start = position + 1;
        int available = data.Length - start;
        if (length > available)
            RlpThrow.PastEnd(baseOffset + position, length, available, inList);
        return new RlpHeader(kind, start, length);
    }

    private static RlpHeader ReadLong(ReadOnlySpan<byte> data, int position, int sizeBytes, RlpKind kind, int baseOffset, bool inList)
    {
        int sizeStart = position + 1;
        if (sizeBytes > data.Length - sizeStart)
            RlpThrow.TruncatedSize(baseOffset + position, sizeBytes, inList);
        if (data[sizeStart] == 0)
            RlpThrow.LeadingZeroInSize(baseOffset + sizeStart);

        ulong length = 0;
        for (int i = 0; i < sizeBytes; i++)
            length = (length << 8) | data[sizeStart + i];

        if (length > int.MaxValue)
            RlpThrow.SizeOverflow(baseOffset + sizeStart, sizeBytes);
        if (length <= MaxShortLength)
            RlpThrow.NonCanonicalSize(baseOffset + position, kind, length);

        int start = sizeStart + sizeBytes;
        int available = data.Length - start;
        if ((int)length > available)
            RlpThrow.PastEnd(baseOffset + position, (long)length, available, inList);
        return new RlpHeader(kind, start, (int)length);
    }
}
