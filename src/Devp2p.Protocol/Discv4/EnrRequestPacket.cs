using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>ENRRequest (type 5, EIP-868): <c>[expiration, ...]</c>. Asks for the recipient's current node record.</summary>
public sealed class EnrRequestPacket : Discv4Packet
{
    public EnrRequestPacket(ulong expiration, IReadOnlyList<byte[]>? rest = null)
        : this(expiration, rest, checkRest: true)
    {
    }

    private EnrRequestPacket(ulong expiration, IReadOnlyList<byte[]>? rest, bool checkRest)
        : base(checkRest ? CheckRest(rest) : rest)
    {
        ExpirationTime = expiration;
    }

    public override Discv4PacketType Type => Discv4PacketType.EnrRequest;

    /// <summary>Unix seconds.</summary>
    public ulong ExpirationTime { get; }

    public override ulong? Expiration => ExpirationTime;

    private protected override int FieldsLength => RlpCodec.LengthOfUInt64(ExpirationTime);

    private protected override void WriteFields(ref RlpWriter writer) => writer.WriteUInt64(ExpirationTime);

    internal static EnrRequestPacket Read(ref RlpReader list)
    {
        ulong expiration = list.ReadUInt64();
        return new EnrRequestPacket(expiration, Discv4Rlp.ReadRest(ref list), checkRest: false);
    }
}
