using Devp2p.Actors.Server;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Events;

/// <summary>
/// Peer lifecycle notifications on the ActorSystem's EventStream. Subscribe to <see cref="PeerEvent"/>
/// for all of them. Ordering per peer: Added, then Dropped; Dropped is published after the peer has
/// left the peer set, so a GetPeers answered after it no longer lists the peer.
/// </summary>
public abstract record PeerEvent(NodeId PeerId);

/// <summary>The peer passed both checkpoints and is running its protocols.</summary>
public sealed record PeerAdded(PeerInfo Peer) : PeerEvent(Peer.Id);

/// <summary>The peer left. <see cref="RemoteRequested"/>: the remote sent Disconnect.</summary>
public sealed record PeerDropped(NodeId PeerId, string ClientId, DisconnectReason Reason, bool RemoteRequested, string? Detail) : PeerEvent(PeerId);

/// <summary>Which way a message went.</summary>
public enum MessageDirection
{
    Received,
    Sent,
}

/// <summary>
/// One message sent or received (only with ServerSettings.EnableMessageEvents). <see cref="Protocol"/>
/// is "p2p" for the base protocol; <see cref="Code"/> is the protocol's local code; <see cref="Size"/> the
/// payload size in bytes before compression.
/// </summary>
public sealed record PeerMessageEvent(NodeId PeerId, string Protocol, uint Version, ulong Code, int Size, MessageDirection Direction) : PeerEvent(PeerId);
