namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Snappy block format (no framing) for p2p v5 message payloads, over IronSnappy. The
/// declared decompressed length — the uvarint at the start of every snappy block — is read
/// and checked against the limit before anything is decompressed, so a small message cannot
/// make us allocate a huge buffer.
/// </summary>
public static class SnappyCodec
{
    public static byte[] Compress(ReadOnlySpan<byte> data) => IronSnappy.Snappy.Encode(data);

    /// <summary>
    /// The declared decompressed length of a snappy block. Throws <see cref="RlpxError.BadSnappy"/>
    /// when the uvarint is malformed or does not fit in 32 bits.
    /// </summary>
    public static int DecodedLength(ReadOnlySpan<byte> compressed)
    {
        ulong value = 0;
        for (int i = 0, shift = 0; i < compressed.Length && i < 5; i++, shift += 7)
        {
            byte b = compressed[i];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value <= int.MaxValue
                    ? (int)value
                    : throw new RlpxException(RlpxError.BadSnappy, $"snappy declared length {value} is out of range");
        }
        throw new RlpxException(RlpxError.BadSnappy, "snappy block has no valid length header");
    }

    /// <summary>
    /// Decompresses after checking the declared length against <paramref name="maxLength"/>
    /// (<see cref="RlpxError.MessageTooLarge"/>); corrupt input is <see cref="RlpxError.BadSnappy"/>.
    /// </summary>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maxLength)
    {
        int declared = DecodedLength(compressed);
        if (declared > maxLength)
            throw new RlpxException(RlpxError.MessageTooLarge, $"snappy message declares {declared} bytes, over the {maxLength}-byte limit");
        byte[] result;
        try
        {
            result = IronSnappy.Snappy.Decode(compressed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new RlpxException(RlpxError.BadSnappy, "corrupt snappy data: " + e.Message, e);
        }
        if (result.Length != declared)
            throw new RlpxException(RlpxError.BadSnappy, $"snappy data decoded to {result.Length} bytes, declared {declared}");
        return result;
    }
}
