namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Snappy block format (no framing) for p2p v5 message payloads, span-based and allocation-free
/// (<see cref="SnappyEncoder"/>, <see cref="SnappyDecoder"/>). The declared decompressed length —
/// the uvarint at the start of every snappy block — is checked against the caller's limit and
/// against the most the input could expand to before anything is allocated or decoded, so a small
/// message cannot make us allocate a large buffer.
/// </summary>
public static class SnappyCodec
{
    /// <summary>Room <see cref="CompressInto"/> needs for <paramref name="length"/> bytes of input.</summary>
    public static int MaxCompressedLength(int length) => SnappyEncoder.MaxEncodedLength(length);

    /// <summary>Compresses into <paramref name="destination"/> (at least <see cref="MaxCompressedLength"/> bytes) and returns the length written.</summary>
    public static int CompressInto(ReadOnlySpan<byte> data, Span<byte> destination) => SnappyEncoder.Encode(data, destination);

    /// <summary>Compresses into a new array of the exact size.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxCompressedLength(data.Length));
        try
        {
            return buffer.AsSpan(0, SnappyEncoder.Encode(data, buffer)).ToArray();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The declared decompressed length of a snappy block. Throws <see cref="RlpxError.BadSnappy"/>
    /// when the uvarint is malformed or does not fit in 32 bits.
    /// </summary>
    public static int DecodedLength(ReadOnlySpan<byte> compressed) => DecodedLength(compressed, out _);

    private static int DecodedLength(ReadOnlySpan<byte> compressed, out int headerLength)
    {
        ulong value = 0;
        for (int i = 0, shift = 0; i < compressed.Length && i < 5; i++, shift += 7)
        {
            byte b = compressed[i];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                headerLength = i + 1;
                return value <= int.MaxValue
                    ? (int)value
                    : throw new RlpxException(RlpxError.BadSnappy, $"snappy declared length {value} is out of range");
            }
        }
        throw new RlpxException(RlpxError.BadSnappy, "snappy block has no valid length header");
    }

    /// <summary>
    /// The declared length after the checks: over <paramref name="maxLength"/> is
    /// <see cref="RlpxError.MessageTooLarge"/>; more than the remaining bytes could possibly expand to is
    /// <see cref="RlpxError.BadSnappy"/>.
    /// </summary>
    public static int CheckedDecodedLength(ReadOnlySpan<byte> compressed, int maxLength) => CheckedDecodedLength(compressed, maxLength, out _);

    private static int CheckedDecodedLength(ReadOnlySpan<byte> compressed, int maxLength, out int headerLength)
    {
        int declared = DecodedLength(compressed, out headerLength);
        if (declared > maxLength)
            throw new RlpxException(RlpxError.MessageTooLarge, $"snappy message declares {declared} bytes, over the {maxLength}-byte limit");
        long possible = (long)(compressed.Length - headerLength) * SnappyDecoder.MaxExpansion;
        if (declared > possible)
            throw new RlpxException(RlpxError.BadSnappy, $"snappy message declares {declared} bytes; {compressed.Length} bytes cannot expand to that");
        return declared;
    }

    /// <summary>
    /// Decompresses into <paramref name="destination"/> (at least the declared length) after the checks of
    /// <see cref="CheckedDecodedLength(ReadOnlySpan{byte}, int)"/>; returns the decoded length. Corrupt input is <see cref="RlpxError.BadSnappy"/>.
    /// </summary>
    public static int DecompressInto(ReadOnlySpan<byte> compressed, Span<byte> destination, int maxLength)
    {
        int declared = CheckedDecodedLength(compressed, maxLength, out int headerLength);
        if (destination.Length < declared)
            throw new ArgumentException($"destination needs {declared} bytes", nameof(destination));
        if (!SnappyDecoder.TryDecode(compressed[headerLength..], destination[..declared]))
            throw new RlpxException(RlpxError.BadSnappy, $"corrupt snappy data (declared {declared} bytes)");
        return declared;
    }

    /// <summary>Decompresses into a new array, with the checks of <see cref="DecompressInto"/>.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maxLength)
    {
        var result = new byte[CheckedDecodedLength(compressed, maxLength)];
        DecompressInto(compressed, result, maxLength);
        return result;
    }
}
