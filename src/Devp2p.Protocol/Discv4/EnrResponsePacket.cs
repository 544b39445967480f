using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// ENRResponse (type 6, EIP-868): <c>[request-hash, record, ...]</c>. <see cref="RequestHash"/>
/// is the hash of the ENRRequest it answers. The record is carried as its raw RLP (a list):
/// checking it (signature, size ≤ 300 bytes, that its key is the sender's) is the ENR type's
/// job, one layer up. This packet has no expiration.
/// </summary>
public sealed class EnrResponsePacket : Discv4Packet
{
    /// <param name="requestHash">The 32-byte hash of the ENRRequest being answered.</param>
    /// <param name="record">The EIP-778 record, RLP-encoded (one list item).</param>
    /// <param name="rest">Extra RLP items to append; each must be canonical RLP.</param>
    public EnrResponsePacket(ReadOnlySpan<byte> requestHash, ReadOnlySpan<byte> record, IReadOnlyList<byte[]>? rest = null)
        : this(CheckHash(requestHash), CheckRecord(record), CheckRest(rest))
    {
    }

    private EnrResponsePacket(byte[] requestHash, byte[] record, IReadOnlyList<byte[]>? rest)
        : base(rest)
    {
        RequestHash = requestHash;
        Record = record;
    }

    public override Discv4PacketType Type => Discv4PacketType.EnrResponse;

    public override ulong? Expiration => null;

    /// <summary>The hash of the ENRRequest this answers (32 bytes).</summary>
    public ReadOnlyMemory<byte> RequestHash { get; }

    /// <summary>The node record's RLP (an RLP list), unparsed.</summary>
    public ReadOnlyMemory<byte> Record { get; }

    private protected override int FieldsLength => RlpCodec.LengthOfBytes(RequestHash.Span) + Record.Length;

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteBytes(RequestHash.Span);
        writer.WriteEncoded(Record.Span);
    }

    internal static EnrResponsePacket Read(ref RlpReader list)
    {
        var hash = list.ReadFixedBytes(Discv4Constants.HashSize).ToArray();
        if (list.HasMore && list.PeekKind() != RlpKind.List)
            throw Discv4Rlp.BadRlp("ENRResponse record is not an RLP list");
        var record = list.ReadEncodedItem().ToArray();
        return new EnrResponsePacket(hash, record, Discv4Rlp.ReadRest(ref list));
    }

    private static byte[] CheckHash(ReadOnlySpan<byte> hash) =>
        hash.Length == Discv4Constants.HashSize
            ? hash.ToArray()
            : throw new ArgumentException($"a request hash is {Discv4Constants.HashSize} bytes, got {hash.Length}", nameof(hash));

    private static byte[] CheckRecord(ReadOnlySpan<byte> record)
    {
        RlpCodec.Validate(record);
        if (new RlpReader(record).PeekKind() != RlpKind.List)
            throw new ArgumentException("a node record is an RLP list", nameof(record));
        return record.ToArray();
    }
}
