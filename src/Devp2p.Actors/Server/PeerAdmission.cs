using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Server;

/// <summary>What the admission rules need to know of the current peer set.</summary>
/// <param name="Count">Peers added (past the addPeer checkpoint).</param>
/// <param name="InboundCount">Of those, the ones that dialed us.</param>
/// <param name="IsConnected">Whether a node id is already in the peer set.</param>
public readonly record struct PeerSetView(int Count, int InboundCount, Func<NodeId, bool> IsConnected);

/// <summary>
/// The server's two checkpoint decisions, as go-ethereum's postHandshakeChecks and addPeerChecks,
/// in the same order: limits first (trusted nodes skip them), then duplicates, then self. Pure, so
/// the rules are tested without actors; the ServerActor feeds it the peer set.
/// </summary>
public sealed class PeerAdmission
{
    private readonly NodeId _self;
    private readonly int _maxPeers;
    private readonly int _maxInbound;
    private readonly bool _requiresProtocol;

    public PeerAdmission(NodeId self, int maxPeers, int maxInbound, bool requiresProtocol)
    {
        ArgumentNullException.ThrowIfNull(self);
        _self = self;
        _maxPeers = maxPeers;
        _maxInbound = maxInbound;
        _requiresProtocol = requiresProtocol;
    }

    /// <summary>Built from the settings: the limits of <see cref="PeerLimits"/>; a useless-peer check when protocols are configured.</summary>
    public static PeerAdmission From(ServerSettings settings, NodeId self) =>
        new(self, settings.MaxPeers, PeerLimits.MaxInboundConns(settings), settings.Protocols.Count > 0);

    /// <summary>After the enc handshake; null means pass.</summary>
    public DisconnectReason? PostHandshake(NodeId remote, bool inbound, bool trusted, PeerSetView peers)
    {
        if (!trusted && peers.Count >= _maxPeers) return DisconnectReason.TooManyPeers;
        if (!trusted && inbound && peers.InboundCount >= _maxInbound) return DisconnectReason.TooManyPeers;
        if (peers.IsConnected(remote)) return DisconnectReason.AlreadyConnected;
        if (remote == _self) return DisconnectReason.Self;
        return null;
    }

    /// <summary>After the Hello exchange: no shared capability is useless, then the post-handshake rules again (the set may have changed).</summary>
    public DisconnectReason? AddPeer(NodeId remote, bool inbound, bool trusted, int matchedCapabilities, PeerSetView peers)
    {
        if (_requiresProtocol && matchedCapabilities == 0) return DisconnectReason.UselessPeer;
        return PostHandshake(remote, inbound, trusted, peers);
    }
}
