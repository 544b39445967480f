using System.Globalization;
using System.Numerics;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Eth;

/// <summary>
/// The eth/68 Status message (code 0x00), the first message each side sends on the capability:
/// RLP <c>[version, networkid, td, blockhash, genesis, forkid[hash, next]]</c>. Decoding is forward
/// compatible (EIP-8): extra elements after the fork id, and inside it, are ignored. Integers must be
/// canonical RLP; the hashes exactly 32 bytes.
/// </summary>
public sealed class StatusMessage
{
    public const int HashLength = 32;

    private readonly byte[] _bestHash;
    private readonly byte[] _genesisHash;

    public StatusMessage(uint protocolVersion, ulong networkId, BigInteger totalDifficulty,
        ReadOnlySpan<byte> bestHash, ReadOnlySpan<byte> genesisHash, ForkId forkId)
    {
        if (bestHash.Length != HashLength)
            throw new ArgumentException($"best hash must be {HashLength} bytes", nameof(bestHash));
        if (genesisHash.Length != HashLength)
            throw new ArgumentException($"genesis hash must be {HashLength} bytes", nameof(genesisHash));
        if (totalDifficulty.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(totalDifficulty), "total difficulty cannot be negative");
        ProtocolVersion = protocolVersion;
        NetworkId = networkId;
        TotalDifficulty = totalDifficulty;
        _bestHash = bestHash.ToArray();
        _genesisHash = genesisHash.ToArray();
        ForkId = forkId;
    }

    public uint ProtocolVersion { get; }

    public ulong NetworkId { get; }

    /// <summary>Total difficulty of the best block (frozen at the merge; current geth sends 0).</summary>
    public BigInteger TotalDifficulty { get; }

    /// <summary>Hash of the sender's best (head) block.</summary>
    public ReadOnlySpan<byte> BestHash => _bestHash;

    public ReadOnlySpan<byte> GenesisHash => _genesisHash;

    public ForkId ForkId { get; }

    public byte[] Encode()
    {
        int content = RlpCodec.LengthOfUInt64(ProtocolVersion) + RlpCodec.LengthOfUInt64(NetworkId)
            + RlpCodec.LengthOfBigInteger(TotalDifficulty) + RlpCodec.LengthOfBytes(_bestHash)
            + RlpCodec.LengthOfBytes(_genesisHash) + ForkId.EncodedLength;
        var output = new byte[RlpCodec.LengthOfList(content)];
        var writer = new RlpWriter(output);
        writer.WriteListHeader(content);
        writer.WriteUInt64(ProtocolVersion);
        writer.WriteUInt64(NetworkId);
        writer.WriteBigInteger(TotalDifficulty);
        writer.WriteBytes(_bestHash);
        writer.WriteBytes(_genesisHash);
        ForkId.Write(ref writer);
        return output;
    }

    /// <summary>Decodes a Status payload; malformed input is <see cref="EthMessageException"/> (wrapping the RlpException).</summary>
    public static StatusMessage Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            var outer = new RlpReader(payload);
            var list = outer.EnterList();
            outer.EnsureEnd();
            uint version = list.ReadUInt32();
            ulong networkId = list.ReadUInt64();
            var td = list.ReadBigInteger();
            var best = list.ReadFixedBytes(HashLength);
            var genesis = list.ReadFixedBytes(HashLength);
            var forkId = ForkId.Read(ref list);
            return new StatusMessage(version, networkId, td, best, genesis, forkId);
        }
        catch (RlpException ex)
        {
            throw new EthMessageException($"eth: malformed Status message: {ex.Message}", ex);
        }
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"Status(eth/{ProtocolVersion}, network {NetworkId}, td {TotalDifficulty}, head 0x{Convert.ToHexStringLower(_bestHash)}, genesis 0x{Convert.ToHexStringLower(_genesisHash)}, forkid {ForkId})");
}
