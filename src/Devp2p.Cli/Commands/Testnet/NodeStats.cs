using Devp2p.Actors.Discovery;
using Devp2p.Actors.Events;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// What one testnet node's events say about it: its peers, its discovery table size, the handshakes
/// it dialed, the messages it moved and the peers it dropped by reason. Written from the node's
/// <see cref="NodeStatsCollector"/> (one actor turn at a time), read by the runner's thread, hence
/// the lock. Pure bookkeeping: tests feed it events directly.
/// </summary>
internal sealed class NodeStats(int index)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<NodeId, bool> _peers = []; // peer → inbound
    private readonly Dictionary<DisconnectReason, long> _drops = [];
    private int _tableSize;
    private long _handshakes;
    private long _messages;

    public int Index { get; } = index;

    /// <summary>Connected peers now.</summary>
    public int PeerCount
    {
        get
        {
            lock (_gate)
                return _peers.Count;
        }
    }

    /// <summary>
    /// Applies one event; returns true when the peer count changed. Handshakes and drops are both
    /// counted on the dialing side only (a peer we dialed was added, or later dropped, whoever decided),
    /// so summed over all nodes each connection counts once and handshakes − drops = connections up.
    /// The dialing side is the one that sees every drop: when both nodes dial each other at once, the
    /// remote's addPeer checkpoint rejects our dial with AlreadyConnected after ours admitted it.
    /// </summary>
    public bool Apply(object message)
    {
        lock (_gate)
        {
            switch (message)
            {
                case PeerAdded added:
                    if (!_peers.TryAdd(added.PeerId, added.Peer.Inbound))
                        return false;
                    if (!added.Peer.Inbound)
                        _handshakes++;
                    return true;
                case PeerDropped dropped:
                    if (!_peers.Remove(dropped.PeerId, out var inbound))
                        return false;
                    if (!inbound)
                        _drops[dropped.Reason] = _drops.GetValueOrDefault(dropped.Reason) + 1;
                    return true;
                case PeerMessageEvent:
                    _messages++;
                    return false;
                case DiscoveryTableChanged table:
                    _tableSize = table.TableSize;
                    return false;
                default:
                    return false;
            }
        }
    }

    public NodeSnapshot Snapshot()
    {
        lock (_gate)
            return new NodeSnapshot(Index, _peers.Count, _tableSize, _handshakes, _messages, new Dictionary<DisconnectReason, long>(_drops));
    }
}

/// <summary>One node's figures at one instant.</summary>
internal sealed record NodeSnapshot(int Index, int Peers, int TableSize, long Handshakes, long Messages, IReadOnlyDictionary<DisconnectReason, long> Drops);
