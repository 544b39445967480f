using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Ping (type 1): <c>[version, from, to, expiration, enr-seq?, ...]</c>. Proves the sender's
/// endpoint when answered with a <see cref="PongPacket"/> carrying this packet's hash.
/// </summary>
public sealed class PingPacket : Discv4Packet
{
    /// <param name="version">4; older peers sent 3, EIP-8 allows any.</param>
    /// <param name="from">The sender's own endpoint (ethereumjs pings back to it, so put the real UDP port here).</param>
    /// <param name="to">The recipient's endpoint as the sender sees it.</param>
    /// <param name="expiration">Unix seconds.</param>
    /// <param name="enrSeq">The sender's ENR sequence number (EIP-868), or null to omit it.</param>
    /// <param name="rest">Extra RLP items to append (tests of forward compatibility); each must be canonical RLP.</param>
    public PingPacket(ulong version, NodeEndpoint from, NodeEndpoint to, ulong expiration, ulong? enrSeq = null, IReadOnlyList<byte[]>? rest = null)
        : this(version, from, to, expiration, enrSeq, CheckRest(rest), enrSeqSlotMalformed: false)
    {
    }

    /// <summary>A version-4 Ping.</summary>
    public PingPacket(NodeEndpoint from, NodeEndpoint to, ulong expiration, ulong? enrSeq = null)
        : this(Discv4Constants.Version, from, to, expiration, enrSeq)
    {
    }

    private PingPacket(ulong version, NodeEndpoint from, NodeEndpoint to, ulong expiration, ulong? enrSeq, IReadOnlyList<byte[]>? rest, bool enrSeqSlotMalformed)
        : base(rest)
    {
        Version = version;
        From = from ?? throw new ArgumentNullException(nameof(from));
        To = to ?? throw new ArgumentNullException(nameof(to));
        ExpirationTime = expiration;
        EnrSeq = enrSeq;
        EnrSeqSlotMalformed = enrSeqSlotMalformed;
    }

    public override Discv4PacketType Type => Discv4PacketType.Ping;

    public ulong Version { get; }

    public NodeEndpoint From { get; }

    public NodeEndpoint To { get; }

    /// <summary>Unix seconds.</summary>
    public ulong ExpirationTime { get; }

    public override ulong? Expiration => ExpirationTime;

    /// <summary>
    /// The sender's ENR sequence number, or null when absent — or when the slot holds something
    /// other than an integer of at most 8 bytes (see <see cref="EnrSeqSlotMalformed"/>).
    /// </summary>
    public ulong? EnrSeq { get; }

    /// <summary>
    /// True when the fifth element is present but not a uint64 (the EIP-8 vectors' list). We
    /// accept such a packet with no ENR seq and keep the element in <see cref="Discv4Packet.Rest"/>;
    /// current go-ethereum rejects it. Kept so the difference is visible to tests and logs.
    /// </summary>
    public bool EnrSeqSlotMalformed { get; }

    private protected override int FieldsLength =>
        RlpCodec.LengthOfUInt64(Version) + From.EncodedLength + To.EncodedLength + RlpCodec.LengthOfUInt64(ExpirationTime)
        + (EnrSeq is { } seq ? RlpCodec.LengthOfUInt64(seq) : 0);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt64(Version);
        From.Write(ref writer);
        To.Write(ref writer);
        writer.WriteUInt64(ExpirationTime);
        if (EnrSeq is { } seq)
            writer.WriteUInt64(seq);
    }

    internal static PingPacket Read(ref RlpReader list)
    {
        ulong version = list.ReadUInt64();
        var from = NodeEndpoint.Read(ref list);
        var to = NodeEndpoint.Read(ref list);
        ulong expiration = list.ReadUInt64();
        ulong? seq = Discv4Rlp.ReadOptionalEnrSeq(ref list, out var malformed);
        return new PingPacket(version, from, to, expiration, seq, Discv4Rlp.ReadRest(ref list, malformed), malformed is not null);
    }
}
