namespace Devp2p.Protocol.Discv4;

/// <summary>Sizes and protocol numbers of discovery v4 (devp2p discv4.md, go-ethereum v4wire).</summary>
public static class Discv4Constants
{
    /// <summary>The Ping version field this implementation sends.</summary>
    public const ulong Version = 4;

    /// <summary>Length of the leading hash: keccak256(signature ‖ type ‖ data).</summary>
    public const int HashSize = 32;

    /// <summary>Length of the recoverable signature r ‖ s ‖ v.</summary>
    public const int SignatureSize = 65;

    /// <summary>hash ‖ signature: what precedes the type byte.</summary>
    public const int HeadSize = HashSize + SignatureSize;

    /// <summary>The smallest datagram that can be a packet: head and type byte (the RLP may not be empty, but that is an RLP error).</summary>
    public const int MinPacketSize = HeadSize + 1;

    /// <summary>The most this implementation sends (discv4.md: 1280 bytes, the IPv6 minimum MTU).</summary>
    public const int MaxPacketSize = 1280;

    /// <summary>
    /// The most this implementation accepts. Larger than <see cref="MaxPacketSize"/> because
    /// ethereumjs sends all 16 neighbours in one ~1,370-byte packet.
    /// </summary>
    public const int MaxReceivedPacketSize = 2048;

    /// <summary>Lifetime written into outgoing packets (go-ethereum: 20 s).</summary>
    public static readonly TimeSpan DefaultExpiration = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The most nodes one Neighbors packet carries so that even the largest nodes (16-byte IP,
    /// 3-byte ports) and expiration fit in <see cref="MaxPacketSize"/>: 12, computed as
    /// go-ethereum does (<see cref="NeighborsPacket.ComputeMaxNeighbors"/>).
    /// </summary>
    public static readonly int MaxNeighbors = NeighborsPacket.ComputeMaxNeighbors();
}
