using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Server;

// Requests a user (or the hosting facade) sends to the ServerActor. Each is answered to the
// sender: the list and info requests with their result, the others with Status.Success or
// Status.Failure carrying the reason, so Ask works for all of them.

/// <summary>Adds a static node: dialed now and kept connected (redialed with backoff).</summary>
public sealed record AddPeer(EnodeUrl Node);

/// <summary>Removes a static node and disconnects it (Requested) if connected.</summary>
public sealed record RemovePeer(NodeId Node);

/// <summary>Marks a node trusted: admitted past the peer limits from the next checkpoint on.</summary>
public sealed record AddTrustedPeer(EnodeUrl Node);

/// <summary>Removes the trusted mark; a connected peer stays connected.</summary>
public sealed record RemoveTrustedPeer(NodeId Node);

/// <summary>Answered with <c>IReadOnlyList&lt;PeerInfo&gt;</c>, sorted by id.</summary>
public sealed record GetPeers
{
    public static GetPeers Instance { get; } = new();
}

/// <summary>Answered with <see cref="NodeInfo"/>.</summary>
public sealed record GetNodeInfo
{
    public static GetNodeInfo Instance { get; } = new();
}

/// <summary>
/// Delivers <see cref="Message"/> to the named protocol actor of a connected peer, keeping the
/// original sender (so the protocol actor can answer it). Not connected, or no such protocol on
/// that peer: the sender gets Status.Failure. Convenient for a message now and then; a sender with many
/// messages for one peer should ask once for its protocol actor (<see cref="GetProtocolActor"/>) and tell it directly.
/// </summary>
public sealed record SendToPeer(NodeId Peer, string Protocol, object Message);

/// <summary>
/// Asks for the protocol actor serving <see cref="Protocol"/> on a connected peer, answered with a
/// <see cref="ProtocolActorRef"/> (or Status.Failure: not connected, not running yet, no such protocol).
/// A sender with many messages for one peer tells that actor directly: <see cref="SendToPeer"/> crosses the
/// ServerActor's and the PeerActor's mailboxes on every message, the direct ref neither. The ref dies with the
/// connection: watch it (Terminated) and ask again after the peer reconnects.
/// </summary>
public sealed record GetProtocolActor(NodeId Peer, string Protocol);

/// <summary>The answer to <see cref="GetProtocolActor"/>: the protocol actor of that peer, valid until it terminates.</summary>
public sealed record ProtocolActorRef(NodeId Peer, string Protocol, IActorRef Actor);

/// <summary>
/// Graceful stop: no new connections; every peer is sent Disconnect(Quitting) and given its grace
/// period; answered with Status.Success once the peer set is empty, then the server stops.
/// </summary>
public sealed record StopServer
{
    public static StopServer Instance { get; } = new();
}
