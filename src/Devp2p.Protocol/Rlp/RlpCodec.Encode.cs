using System.Numerics;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Allocating conveniences for single items and small lists, each producing one exact-size
/// array. For messages with many fields, measure and write with <see cref="RlpWriter"/> instead.
/// </summary>
public static partial class RlpCodec
{
    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        var result = new byte[LengthOfBytes(value)];
        new RlpWriter(result).WriteBytes(value);
        return result;
    }

    public static byte[] EncodeUInt64(ulong value)
    {
        var result = new byte[LengthOfUInt64(value)];
        new RlpWriter(result).WriteUInt64(value);
        return result;
    }

    /// <exception cref="ArgumentOutOfRangeException">The value is negative or needs more than 256 bits.</exception>
    public static byte[] EncodeBigInteger(BigInteger value)
    {
        var result = new byte[LengthOfBigInteger(value)];
        new RlpWriter(result).WriteBigInteger(value);
        return result;
    }

    public static byte[] EncodeUtf8(string value)
    {
        var result = new byte[LengthOfUtf8(value)];
        new RlpWriter(result).WriteUtf8(value);
        return result;
    }

    /// <summary>Encodes a list from items that are each already encoded.</summary>
    public static byte[] EncodeList(params ReadOnlySpan<byte[]> encodedItems)
    {
        int content = 0;
        foreach (var item in encodedItems)
            content = checked(content + item.Length);
        var result = new byte[LengthOfList(content)];
        var writer = new RlpWriter(result);
        writer.WriteListHeader(content);
        foreach (var item in encodedItems)
            writer.WriteEncoded(item);
        return result;
    }

    /// <summary>Prefixes already-encoded list content (the concatenated items) with its list header.</summary>
    public static byte[] WrapList(ReadOnlySpan<byte> encodedContent)
    {
        var result = new byte[LengthOfList(encodedContent.Length)];
        var writer = new RlpWriter(result);
        writer.WriteListHeader(encodedContent.Length);
        writer.WriteEncoded(encodedContent);
        return result;
    }
}
