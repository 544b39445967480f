using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// The few places where discv4 reads RLP more leniently than the strict <see cref="RlpReader"/>,
/// because real peers send it: ports with a leading zero byte (ethereumjs writes every port as
/// two bytes) and an EIP-868 ENR sequence slot that older EIP-8 packets fill with a list.
/// </summary>
internal static class Discv4Rlp
{
    /// <summary>
    /// Reads a port: a byte string of at most two bytes, big-endian, a leading zero allowed
    /// (ethereumjs sends port 80 as <c>82 00 50</c>; go-ethereum's strict decoder would refuse it).
    /// </summary>
    public static ushort ReadPort(ref RlpReader reader)
    {
        int offset = reader.BaseOffset + reader.Position;
        var bytes = reader.ReadBytes();
        return bytes.Length switch
        {
            0 => 0,
            1 => bytes[0],
            2 => (ushort)((bytes[0] << 8) | bytes[1]),
            _ => throw BadRlp($"port of {bytes.Length} bytes at offset {offset}; at most 2"),
        };
    }

    /// <summary>
    /// Reads the optional EIP-868 ENR sequence number that follows the mandatory fields of
    /// Ping and Pong. Absent → null. A slot that is not a canonical integer of at most 8 bytes
    /// (EIP-8's test packets put a list there, written before EIP-868) is also null, and its
    /// raw item comes back in <paramref name="malformedSlot"/> for the packet's Rest: the
    /// element is ignored as EIP-8 asks, where current go-ethereum rejects the packet.
    /// </summary>
    public static ulong? ReadOptionalEnrSeq(ref RlpReader list, out byte[]? malformedSlot)
    {
        malformedSlot = null;
        if (!list.HasMore)
            return null;
        var item = list.ReadEncodedItem();
        if (TryDecodeUInt64(item, out ulong seq))
            return seq;
        malformedSlot = item.ToArray();
        return null;
    }

    /// <summary>Decodes one canonical RLP integer of at most 8 bytes without throwing.</summary>
    private static bool TryDecodeUInt64(ReadOnlySpan<byte> item, out ulong value)
    {
        value = 0;
        if (item.Length == 1 && item[0] < 0x80)
        {
            value = item[0];
            return true;
        }
        if (item.Length == 0 || item[0] < 0x80 || item[0] > 0x88 || item.Length != item[0] - 0x80 + 1)
            return false;
        var payload = item[1..];
        if (payload.Length == 0)
            return true;
        if (payload[0] == 0 || (payload.Length == 1 && payload[0] < 0x80))
            return false;
        foreach (byte b in payload)
            value = (value << 8) | b;
        return true;
    }

    /// <summary>The raw extra elements: the malformed ENR-seq slot (if any) and whatever follows.</summary>
    public static byte[][] ReadRest(ref RlpReader list, byte[]? first = null)
    {
        if (!list.HasMore)
            return first is null ? [] : [first];
        var rest = new List<byte[]>();
        if (first is not null)
            rest.Add(first);
        while (list.HasMore)
            rest.Add(list.ReadEncodedItem().ToArray());
        return [.. rest];
    }

    public static Discv4PacketException BadRlp(string message, Exception? inner = null) =>
        new(Discv4PacketError.BadRlp, message, inner);
}
