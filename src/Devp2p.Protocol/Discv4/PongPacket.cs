using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Pong (type 2): <c>[to, ping-hash, expiration, enr-seq?, ...]</c>, the reply to a
/// <see cref="PingPacket"/>. <see cref="PingHash"/> is the hash of the Ping it answers, which is
/// how the pinger matches it (and what makes the endpoint proof unforgeable by a spoofer).
/// </summary>
public sealed class PongPacket : Discv4Packet
{
    /// <param name="to">The endpoint the Ping came from, as the replier saw it (the pinger learns its external address).</param>
    /// <param name="pingHash">The 32-byte hash of the Ping being answered.</param>
    /// <param name="expiration">Unix seconds.</param>
    /// <param name="enrSeq">The replier's ENR sequence number (EIP-868), or null to omit it.</param>
    /// <param name="rest">Extra RLP items to append; each must be canonical RLP.</param>
    public PongPacket(NodeEndpoint to, ReadOnlySpan<byte> pingHash, ulong expiration, ulong? enrSeq = null, IReadOnlyList<byte[]>? rest = null)
        : this(to, CheckHash(pingHash), expiration, enrSeq, CheckRest(rest), enrSeqSlotMalformed: false)
    {
    }

    private PongPacket(NodeEndpoint to, byte[] pingHash, ulong expiration, ulong? enrSeq, IReadOnlyList<byte[]>? rest, bool enrSeqSlotMalformed)
        : base(rest)
    {
        To = to ?? throw new ArgumentNullException(nameof(to));
        PingHash = pingHash;
        ExpirationTime = expiration;
        EnrSeq = enrSeq;
        EnrSeqSlotMalformed = enrSeqSlotMalformed;
    }

    public override Discv4PacketType Type => Discv4PacketType.Pong;

    public NodeEndpoint To { get; }

    /// <summary>The hash of the Ping this answers (32 bytes).</summary>
    public ReadOnlyMemory<byte> PingHash { get; }

    /// <summary>Unix seconds.</summary>
    public ulong ExpirationTime { get; }

    public override ulong? Expiration => ExpirationTime;

    /// <summary>The replier's ENR sequence number; null when absent or malformed (as for <see cref="PingPacket.EnrSeq"/>).</summary>
    public ulong? EnrSeq { get; }

    /// <summary>True when the fourth element is present but not a uint64 (accepted here; current go-ethereum rejects it).</summary>
    public bool EnrSeqSlotMalformed { get; }

    private protected override int FieldsLength =>
        To.EncodedLength + RlpCodec.LengthOfBytes(PingHash.Span) + RlpCodec.LengthOfUInt64(ExpirationTime)
        + (EnrSeq is { } seq ? RlpCodec.LengthOfUInt64(seq) : 0);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        To.Write(ref writer);
        writer.WriteBytes(PingHash.Span);
        writer.WriteUInt64(ExpirationTime);
        if (EnrSeq is { } seq)
            writer.WriteUInt64(seq);
    }

    internal static PongPacket Read(ref RlpReader list)
    {
        var to = NodeEndpoint.Read(ref list);
        var pingHash = list.ReadFixedBytes(Discv4Constants.HashSize).ToArray();
        ulong expiration = list.ReadUInt64();
        ulong? seq = Discv4Rlp.ReadOptionalEnrSeq(ref list, out var malformed);
        return new PongPacket(to, pingHash, expiration, seq, Discv4Rlp.ReadRest(ref list, malformed), malformed is not null);
    }

    private static byte[] CheckHash(ReadOnlySpan<byte> hash) =>
        hash.Length == Discv4Constants.HashSize
            ? hash.ToArray()
            : throw new ArgumentException($"a ping hash is {Discv4Constants.HashSize} bytes, got {hash.Length}", nameof(hash));
}
