using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>A node as the database keeps it: where it was last seen and its newest record, if known.</summary>
public sealed record StoredNode(NodeId Id, IPAddress Ip, int UdpPort, int TcpPort, string? Enr, DateTimeOffset LastSeen);

/// <summary>
/// What discovery remembers across restarts (go-ethereum's enode.DB): node records, the endpoint-proof
/// timestamps (keyed by id and IP, since a proof is for one address), FindNode failure counts and the
/// local record's sequence number. Synchronous: the store is local and each call is small. Times come
/// from the caller (the actor's scheduler clock), so tests control them.
/// </summary>
public interface INodeDatabase : IDisposable
{
    void UpsertNode(StoredNode node);

    StoredNode? GetNode(NodeId id);

    void DeleteNode(NodeId id);

    /// <summary>When <paramref name="id"/> last pinged us from <paramref name="ip"/>; null if never.</summary>
    DateTimeOffset? LastPingReceived(NodeId id, IPAddress ip);

    void SetLastPingReceived(NodeId id, IPAddress ip, DateTimeOffset at);

    /// <summary>When <paramref name="id"/> last answered our Ping from <paramref name="ip"/> (the endpoint proof).</summary>
    DateTimeOffset? LastPongReceived(NodeId id, IPAddress ip);

    void SetLastPongReceived(NodeId id, IPAddress ip, DateTimeOffset at);

    int FindFails(NodeId id, IPAddress ip);

    void SetFindFails(NodeId id, IPAddress ip, int fails);

    /// <summary>The sequence number of the local record for <paramref name="localId"/>; 0 if none stored.</summary>
    ulong LocalSeq(NodeId localId);

    void SetLocalSeq(NodeId localId, ulong seq);

    /// <summary>Up to <paramref name="max"/> random nodes whose last pong is newer than <paramref name="now"/> - <paramref name="maxAge"/>.</summary>
    IReadOnlyList<StoredNode> QuerySeeds(int max, TimeSpan maxAge, DateTimeOffset now);

    /// <summary>Deletes nodes (and their proof data) not seen since <paramref name="cutoff"/>; returns how many.</summary>
    int ExpireNodes(DateTimeOffset cutoff);
}
