using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Peers;

// The two checkpoints of go-ethereum's Server.setupConn, as messages. A PeerActor sends them to
// its parent (the ServerActor) and waits for CheckpointPassed or CheckpointRejected before going on.

/// <summary>
/// After the enc handshake: may this key connect at all? The server answers with geth's
/// postHandshakeChecks: too many peers (total, or the inbound share), already connected, self;
/// trusted nodes skip the limits.
/// </summary>
public sealed record PostHandshake(NodeId RemoteId, bool Inbound);

/// <summary>
/// After the Hello exchange: admit the peer? The server answers with geth's addPeerChecks:
/// useless peer (no shared capability), then the post-handshake checks again. On
/// <see cref="CheckpointPassed"/> the peer is in the peer set and the PeerActor starts running.
/// </summary>
public sealed record AddPeerCheckpoint(NodeId RemoteId, bool Inbound, Hello Hello, IReadOnlyList<MatchedCapability> Capabilities);

/// <summary>The checkpoint let the connection through.</summary>
public sealed record CheckpointPassed
{
    public static CheckpointPassed Instance { get; } = new();
}

/// <summary>The checkpoint refused the connection; the peer sends Disconnect(Reason) and closes.</summary>
public sealed record CheckpointRejected(DisconnectReason Reason);
