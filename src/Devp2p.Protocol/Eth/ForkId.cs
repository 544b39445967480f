using System.Buffers.Binary;
using System.Globalization;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Eth;

/// <summary>
/// An EIP-2124 fork identifier: <see cref="Hash"/> is the CRC-32 of the genesis hash followed by
/// every fork already passed (each as a big-endian uint64), <see cref="Next"/> the block number or
/// timestamp of the next known fork (0 when none is known). Peers compare fork ids before they
/// sync, so two nodes on diverging rule sets find out at the handshake, not after a bad block.
/// On the wire it is RLP <c>[hash(4 bytes), next]</c>.
/// </summary>
public readonly record struct ForkId(uint Hash, ulong Next)
{
    /// <summary>The 4 hash bytes as sent (big-endian).</summary>
    public byte[] HashBytes()
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Hash);
        return bytes;
    }

    /// <summary>The id of a chain at <paramref name="headNumber"/>/<paramref name="headTime"/>, as geth's forkid.NewID.</summary>
    public static ForkId Compute(ReadOnlySpan<byte> genesisHash, ForkSchedule schedule, ulong headNumber, ulong headTime)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        uint hash = Crc32Ieee.Compute(genesisHash);
        foreach (ulong fork in schedule.BlockForks)
        {
            if (fork > headNumber)
                return new ForkId(hash, fork);
            hash = ChecksumUpdate(hash, fork);
        }
        foreach (ulong fork in schedule.TimeForks)
        {
            if (fork > headTime)
                return new ForkId(hash, fork);
            hash = ChecksumUpdate(hash, fork);
        }
        return new ForkId(hash, 0);
    }

    /// <summary>The checksum after one more fork: CRC-32 continued over the fork's big-endian uint64.</summary>
    public static uint ChecksumUpdate(uint hash, ulong fork)
    {
        Span<byte> blob = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(blob, fork);
        return Crc32Ieee.Update(hash, blob);
    }

    // The hash is always a 4-byte string: 0x84 and the bytes.
    internal int ContentLength => 5 + RlpCodec.LengthOfUInt64(Next);

    internal int EncodedLength => RlpCodec.LengthOfList(ContentLength);

    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        writer.WriteBytes(HashBytes());
        writer.WriteUInt64(Next);
    }

    /// <summary>RLP <c>[hash, next]</c>.</summary>
    public byte[] Encode()
    {
        var output = new byte[EncodedLength];
        var writer = new RlpWriter(output);
        Write(ref writer);
        return output;
    }

    /// <summary>Reads <c>[hash(4), next, ...]</c>; extra elements are ignored (EIP-8). Bad input is <see cref="RlpException"/>.</summary>
    public static ForkId Read(ref RlpReader reader)
    {
        var list = reader.EnterList();
        uint hash = BinaryPrimitives.ReadUInt32BigEndian(list.ReadFixedBytes(4));
        return new ForkId(hash, list.ReadUInt64());
    }

    /// <summary>Decodes exactly one RLP fork id.</summary>
    public static ForkId Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var id = Read(ref reader);
        reader.EnsureEnd();
        return id;
    }

    public override string ToString() => $"0x{Hash.ToString("x8", CultureInfo.InvariantCulture)}/{Next.ToString(CultureInfo.InvariantCulture)}";
}
