namespace Devp2p.Protocol.Discv4;

/// <summary>The numbers of go-ethereum's discovery table (p2p/discover/table.go).</summary>
public static class KademliaConstants
{
    /// <summary>Live entries per bucket (k).</summary>
    public const int BucketSize = 16;

    /// <summary>Replacement candidates kept per bucket.</summary>
    public const int MaxReplacements = 10;

    /// <summary>Bits of the node hash.</summary>
    public const int HashBits = 256;

    /// <summary>Number of buckets: hashBits / 15, as go-ethereum sizes it.</summary>
    public const int BucketCount = HashBits / 15;

    /// <summary>
    /// Log distances up to this one share bucket 0 (240): nodes that close are too rare to need
    /// buckets of their own. Bucket i ≥ 1 holds distance 240 + i.
    /// </summary>
    public const int BucketMinDistance = HashBits - BucketCount;

    /// <summary>Queries in flight during a lookup (α).</summary>
    public const int Alpha = 3;

    /// <summary>Nodes of one /24 (IPv4 or IPv6 alike) allowed in a bucket, replacements included.</summary>
    public const int BucketIpLimit = 2;

    /// <summary>Nodes of one /24 allowed in the whole table, replacements included.</summary>
    public const int TableIpLimit = 10;

    /// <summary>Prefix length, in bits, that defines "the same subnet" for the IP limits.</summary>
    public const int IpLimitSubnet = 24;

    /// <summary>Bucket that holds nodes at <paramref name="logDistance"/> (0..256) from the local node.</summary>
    public static int BucketIndex(int logDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(logDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logDistance, HashBits);
        return logDistance <= BucketMinDistance + 1 ? 0 : logDistance - BucketMinDistance - 1;
    }
}
