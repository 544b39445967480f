using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

// Requests the DiscoveryActor answers beyond the contract (GetDialCandidates, GetLocalRecord), and
// the event it publishes. Replies go to the sender.

/// <summary>Runs an iterative lookup for <see cref="Target"/>; answered with <see cref="LookupResult"/>.</summary>
public sealed record LookupNodes(NodeId Target);

/// <summary>The up-to-16 closest live nodes to <see cref="Target"/> the lookup found, closest first.</summary>
public sealed record LookupResult(NodeId Target, IReadOnlyList<Discv4Node> Nodes);

/// <summary>Asks a node for its newest record (ENRRequest); answered with <see cref="ResolveResult"/>.</summary>
public sealed record ResolveNode(EnodeUrl Node);

/// <summary>The node's record: fresh from it when <see cref="Fresh"/>, else the newest we had (null if none).</summary>
public sealed record ResolveResult(EnodeUrl Node, Enr? Record, bool Fresh, string? Error);

/// <summary>Pings a node; answered with <see cref="PingResult"/>.</summary>
public sealed record PingNode(EnodeUrl Node);

/// <summary>Whether the node answered, the round trip and the ENR seq its Pong carried.</summary>
public sealed record PingResult(EnodeUrl Node, bool Success, TimeSpan RoundTrip, ulong? EnrSeq, string? Error);

/// <summary>Asks for the table's entries; answered with <see cref="TableNodes"/>.</summary>
public sealed record GetTableNodes
{
    public static GetTableNodes Instance { get; } = new();
}

/// <summary>Every bucket entry: the node, whether it is proven alive, and when we last heard from it.</summary>
public sealed record TableNodes(IReadOnlyList<TableNodeInfo> Nodes);

/// <summary>One table entry as <see cref="TableNodes"/> reports it.</summary>
public sealed record TableNodeInfo(Discv4Node Node, bool Proven, DateTimeOffset? LastSeen);

/// <summary>Asks for the packet counters; answered with <see cref="DiscoveryStats"/>.</summary>
public sealed record GetDiscoveryStats
{
    public static GetDiscoveryStats Instance { get; } = new();
}

/// <summary>Why an incoming datagram was dropped (one counter each in <see cref="DiscoveryStats"/>).</summary>
public enum DiscoveryDrop
{
    /// <summary>Failed to decode: size, hash, signature, type or RLP (<see cref="Discv4PacketException"/>).</summary>
    BadPacket,

    /// <summary>Its expiration lies in the past.</summary>
    Expired,

    /// <summary>A Pong, Neighbors or ENRResponse nobody waited for.</summary>
    Unsolicited,

    /// <summary>A FindNode or ENRRequest from a sender without a recent endpoint proof.</summary>
    NoEndpointProof,

    /// <summary>Sent by ourselves (our own key), or from outside NetRestrict.</summary>
    Ignored,

    /// <summary>An ENRResponse whose record is invalid or not the sender's.</summary>
    BadRecord,

    /// <summary>Shed before decoding: the actor was already <see cref="DiscoverySettings.IntakeCapacity"/> datagrams behind (a flood).</summary>
    Overloaded,
}

/// <summary>Packet and table counters, for monitoring and tests.</summary>
public sealed record DiscoveryStats(
    long PacketsReceived,
    long PacketsSent,
    IReadOnlyDictionary<DiscoveryDrop, long> Dropped,
    long RelayedNodesRejected,
    int TableSize,
    int PendingReplies,
    long LookupsCompleted)
{
    /// <summary>The counter for <paramref name="reason"/>; 0 if none dropped.</summary>
    public long DroppedFor(DiscoveryDrop reason) => Dropped.TryGetValue(reason, out var n) ? n : 0;
}

/// <summary>How the table changed.</summary>
public enum TableChange
{
    Added,
    Removed,
}

/// <summary>Published on the EventStream whenever a node enters or leaves a bucket (not the replacement lists).</summary>
public sealed record DiscoveryTableChanged(TableChange Change, Discv4Node Node, int TableSize);
