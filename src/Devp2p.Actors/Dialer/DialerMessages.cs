using Devp2p.Actors.Peers;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Dialer;

// Messages between the DialerActor and the ServerActor. The server owns the truth (static set, peer
// set); the dialer keeps a copy it can rebuild after a restart by asking with DialerStarted.

/// <summary>Dialer → server, on every start: send me the current state (answered with <see cref="DialerSync"/>).</summary>
public sealed record DialerStarted
{
    public static DialerStarted Instance { get; } = new();
}

/// <summary>A connected peer as the dialer needs it.</summary>
public sealed record ConnectedPeer(NodeId Id, bool Inbound);

/// <summary>Server → dialer: the state to dial against. The dialer dials nothing before it has this.</summary>
public sealed record DialerSync(
    IReadOnlyList<EnodeUrl> StaticNodes,
    IReadOnlyList<ConnectedPeer> Peers,
    IReadOnlyList<NodeId> PendingInbound,
    IActorRef? Discovery);

/// <summary>Server → dialer: keep this node connected.</summary>
public sealed record AddStaticNode(EnodeUrl Node);

/// <summary>Server → dialer: stop redialing this node.</summary>
public sealed record RemoveStaticNode(NodeId Node);

/// <summary>Server → dialer: where to pull dial candidates from.</summary>
public sealed record DiscoveryAvailable(IActorRef Discovery);

/// <summary>Dialer → server: a TCP connection to <see cref="PeerSetup.DialDestination"/> is up; run a peer on it.</summary>
public sealed record DialConnected(PeerSetup Setup);

/// <summary>Server → dialer: a dialed connection closed before it was added (the dial failed; static nodes back off).</summary>
public sealed record DialEnded(NodeId Destination);

/// <summary>Server → dialer: an inbound connection from this node passed the post-handshake checkpoint; do not dial it.</summary>
public sealed record InboundPending(NodeId Id);

/// <summary>Server → dialer: that inbound connection closed before it was added.</summary>
public sealed record InboundEnded(NodeId Id);

/// <summary>Server → dialer: a peer was added (inbound or dialed); a dial to it is over.</summary>
public sealed record PeerConnected(NodeId Id, bool Inbound);

/// <summary>Server → dialer: an added peer left.</summary>
public sealed record PeerDisconnected(NodeId Id, bool Inbound);

/// <summary>Asks the dialer for its counters (geth logs the same as dial stats); answered with <see cref="DialerStatus"/>.</summary>
public sealed record GetDialerStatus
{
    public static GetDialerStatus Instance { get; } = new();
}

/// <summary>The dialer's state: dials in flight, connected peers we dialed, slots free now, whether a discovery request is out.</summary>
public sealed record DialerStatus(int Dialing, int DialedPeers, int FreeSlots, bool AwaitingCandidates, bool CandidateRetryPending);
