using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Server;

/// <summary>The local node (geth's p2p.NodeInfo): identity, addresses, record and protocols.</summary>
public sealed record NodeInfo(
    NodeId Id,
    EnodeUrl Enode,
    string Enr,
    int ListenPort,
    int DiscoveryPort,
    string ClientId,
    IReadOnlyList<Capability> Protocols);
