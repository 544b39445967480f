using System.Net;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Server;

/// <summary>A connected peer as the server sees it (geth's p2p.PeerInfo).</summary>
public sealed record PeerInfo(
    NodeId Id,
    string ClientId,
    IReadOnlyList<Capability> Capabilities,
    IReadOnlyList<MatchedCapability> Matched,
    IPEndPoint? LocalAddress,
    IPEndPoint? RemoteAddress,
    bool Inbound,
    bool Trusted,
    bool Static,
    DateTimeOffset ConnectedSince)
{
    /// <summary>Per-protocol descriptions published by the protocol actors (name → info).</summary>
    public IReadOnlyDictionary<string, object> Protocols { get; init; } = new Dictionary<string, object>();
}
