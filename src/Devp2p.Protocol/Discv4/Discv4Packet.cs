using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// The data of one discv4 packet, the RLP list after the type byte. The subclasses mirror
/// go-ethereum's v4wire structs: <see cref="PingPacket"/>, <see cref="PongPacket"/>,
/// <see cref="FindNodePacket"/>, <see cref="NeighborsPacket"/>, <see cref="EnrRequestPacket"/>,
/// <see cref="EnrResponsePacket"/>. Framing (hash, signature) is <see cref="Discv4Codec"/>'s job.
/// </summary>
/// <remarks>
/// EIP-8: list elements after the known ones are kept, undecoded, in <see cref="Rest"/> and
/// written back after the known ones, so a packet re-encodes byte for byte; bytes after the
/// list are ignored on decode and not kept.
/// </remarks>
public abstract class Discv4Packet
{
    private protected Discv4Packet(IReadOnlyList<byte[]>? rest) => Rest = rest ?? [];

    /// <summary>The type byte.</summary>
    public abstract Discv4PacketType Type { get; }

    /// <summary>Unix time (seconds) after which the packet must be ignored; null for ENRResponse, which has none.</summary>
    public abstract ulong? Expiration { get; }

    /// <summary>
    /// Extra list elements after the known fields, each one RLP item (EIP-8 forward
    /// compatibility). For Ping and Pong an element in the ENR sequence slot that is not an
    /// integer is kept here too (see <see cref="PingPacket.EnrSeq"/>).
    /// </summary>
    public IReadOnlyList<byte[]> Rest { get; }

    /// <summary>
    /// Whether the packet is still valid at <paramref name="nowUnixSeconds"/>: it is expired
    /// when its expiration lies before now (go-ethereum's <c>v4wire.Expired</c>; the second
    /// itself is still valid). The caller passes the time: nothing here reads a clock.
    /// </summary>
    public Discv4ExpirationCheck CheckExpiration(ulong nowUnixSeconds) => Expiration switch
    {
        null => Discv4ExpirationCheck.NoExpiration,
        var e when e.Value < nowUnixSeconds => Discv4ExpirationCheck.Expired,
        _ => Discv4ExpirationCheck.Valid,
    };

    /// <summary>Length of the RLP list content: the known fields and <see cref="Rest"/>.</summary>
    internal int ContentLength
    {
        get
        {
            int length = FieldsLength;
            foreach (var item in Rest)
                length += item.Length;
            return length;
        }
    }

    /// <summary>Length of the whole RLP list.</summary>
    internal int EncodedLength => RlpCodec.LengthOfList(ContentLength);

    /// <summary>Writes the RLP list: header, fields, then <see cref="Rest"/> verbatim.</summary>
    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        WriteFields(ref writer);
        foreach (var item in Rest)
            writer.WriteEncoded(item);
    }

    private protected abstract int FieldsLength { get; }

    private protected abstract void WriteFields(ref RlpWriter writer);

    /// <summary>Checks that each caller-supplied extra element is one canonical RLP item (decoded packets skip this).</summary>
    private protected static IReadOnlyList<byte[]>? CheckRest(IReadOnlyList<byte[]>? rest)
    {
        if (rest is null)
            return null;
        foreach (var item in rest)
            RlpCodec.Validate(item);
        return rest;
    }
}
