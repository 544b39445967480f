using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// FindNode (type 3): <c>[target, expiration, ...]</c>. Asks for the nodes the recipient knows
/// closest to keccak256(<see cref="Target"/>). The target is a 64-byte public key, though it
/// need not be a point on the curve (random lookups use random bytes).
/// </summary>
public sealed class FindNodePacket : Discv4Packet
{
    public FindNodePacket(NodeId target, ulong expiration, IReadOnlyList<byte[]>? rest = null)
        : this(target, expiration, rest, checkRest: true)
    {
    }

    private FindNodePacket(NodeId target, ulong expiration, IReadOnlyList<byte[]>? rest, bool checkRest)
        : base(checkRest ? CheckRest(rest) : rest)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        ExpirationTime = expiration;
    }

    public override Discv4PacketType Type => Discv4PacketType.FindNode;

    /// <summary>The 64-byte key whose hash is the lookup target.</summary>
    public NodeId Target { get; }

    /// <summary>Unix seconds.</summary>
    public ulong ExpirationTime { get; }

    public override ulong? Expiration => ExpirationTime;

    private protected override int FieldsLength => RlpCodec.LengthOfBytes(Target.Bytes) + RlpCodec.LengthOfUInt64(ExpirationTime);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteBytes(Target.Bytes);
        writer.WriteUInt64(ExpirationTime);
    }

    internal static FindNodePacket Read(ref RlpReader list)
    {
        var target = NodeId.FromBytes(list.ReadFixedBytes(NodeId.Length));
        ulong expiration = list.ReadUInt64();
        return new FindNodePacket(target, expiration, Discv4Rlp.ReadRest(ref list), checkRest: false);
    }
}
