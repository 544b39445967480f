using System.Buffers.Binary;
using System.Numerics;
using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Kademlia's XOR metric over 32-byte node hashes (keccak256 of the 64-byte key), as
/// go-ethereum's <c>enode.LogDist</c> and <c>enode.DistCmp</c>.
/// </summary>
public static class NodeDistance
{
    /// <summary>Length of the hashes the distance is defined on.</summary>
    public const int HashLength = 32;

    /// <summary>
    /// The logarithmic distance: 256 minus the number of leading zero bits of <c>a XOR b</c>,
    /// so 0 for equal hashes, 256 when the first bit differs, 1 when only the last bit does.
    /// </summary>
    public static int LogDistance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        CheckLength(a);
        CheckLength(b);
        int leadingZeros = 0;
        for (int i = 0; i < HashLength; i += 8)
        {
            ulong x = BinaryPrimitives.ReadUInt64BigEndian(a[i..]) ^ BinaryPrimitives.ReadUInt64BigEndian(b[i..]);
            if (x != 0)
                return HashLength * 8 - (leadingZeros + BitOperations.LeadingZeroCount(x));
            leadingZeros += 64;
        }
        return 0;
    }

    /// <summary>Log distance between two nodes' hashes.</summary>
    public static int LogDistance(NodeId a, NodeId b) => LogDistance(a.Hash, b.Hash);

    /// <summary>
    /// Compares the distances of <paramref name="a"/> and <paramref name="b"/> to
    /// <paramref name="target"/>: negative when <paramref name="a"/> is closer, 0 when equal, positive when farther.
    /// </summary>
    public static int DistCmp(ReadOnlySpan<byte> target, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        CheckLength(target);
        CheckLength(a);
        CheckLength(b);
        for (int i = 0; i < HashLength; i += 8)
        {
            ulong t = BinaryPrimitives.ReadUInt64BigEndian(target[i..]);
            ulong da = BinaryPrimitives.ReadUInt64BigEndian(a[i..]) ^ t;
            ulong db = BinaryPrimitives.ReadUInt64BigEndian(b[i..]) ^ t;
            if (da != db)
                return da < db ? -1 : 1;
        }
        return 0;
    }

    /// <summary>A comparer that orders nodes by distance to <paramref name="targetHash"/>, closest first.</summary>
    public static IComparer<Discv4Node> ComparerFor(ReadOnlySpan<byte> targetHash)
    {
        CheckLength(targetHash);
        return new ByDistance(targetHash.ToArray());
    }

    private static void CheckLength(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != HashLength)
            throw new ArgumentException($"node distances are defined on {HashLength}-byte hashes, got {hash.Length} bytes");
    }

    private sealed class ByDistance(byte[] target) : IComparer<Discv4Node>
    {
        public int Compare(Discv4Node? x, Discv4Node? y) =>
            x is null || y is null ? (x is null ? (y is null ? 0 : 1) : -1) : DistCmp(target, x.Hash, y.Hash);
    }
}
