using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Peers;

/// <summary>
/// Sent by a PeerActor to its parent just before it stops, whatever the stage: the connection
/// is gone, and why. <see cref="RemoteId"/> is null when the enc handshake never completed.
/// <see cref="RemoteRequested"/> is true when the remote sent Disconnect. The parent frees the
/// slot and, for a peer that had been added, publishes <c>PeerDropped</c>.
/// </summary>
public sealed record PeerClosed(NodeId? RemoteId, DisconnectReason Reason, bool RemoteRequested, string? Detail = null);

/// <summary>
/// Asks a PeerActor to leave: send Disconnect(Reason), give it the grace period to flush, close.
/// Sent by the server for RemovePeer, for a checkpoint decision taken late, and on graceful stop
/// (<see cref="DisconnectReason.Quitting"/>).
/// </summary>
public sealed record DisconnectPeer(DisconnectReason Reason);

/// <summary>
/// A protocol actor's latest description of itself for this peer (eth: version, network, head),
/// forwarded by the PeerActor to its parent and shown in <c>PeerInfo.Protocols</c>.
/// </summary>
public sealed record PeerProtocolInfo(NodeId PeerId, string Protocol, object Info);
