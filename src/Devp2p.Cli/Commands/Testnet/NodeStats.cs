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
    // Peer → its sessions, oldest first. Usually one; two for a moment when a session replaced an
    // earlier one with the same peer: the server admits the new one once the old one has left its
    // table, but the two PeerActors' events reach us in either order.
    private readonly Dictionary<NodeId, Queue<Session>> _peers = [];
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
    /// Applies one event; returns true when it was a peer's session added or dropped (convergence may
    /// have changed). Handshakes and drops are both
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
                {
                    if (!added.Peer.Inbound)
                        _handshakes++;
                    var session = new Session(added.Peer.Inbound, ConnectionKey.Of(added.Peer));
                    if (_peers.TryGetValue(added.PeerId, out var sessions))
                        sessions.Enqueue(session);
                    else
                        _peers.Add(added.PeerId, new Queue<Session>([session]));
                    return true;
                }
                case PeerDropped dropped:
                {
                    // A drop is the oldest session's: a newer one was admitted only after it had gone.
                    if (!_peers.TryGetValue(dropped.PeerId, out var sessions))
                        return false;
                    if (!sessions.Dequeue().Inbound)
                        _drops[dropped.Reason] = _drops.GetValueOrDefault(dropped.Reason) + 1;
                    if (sessions.Count == 0)
                        _peers.Remove(dropped.PeerId);
                    return true;
                }
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

    /// <summary>Adds one to <paramref name="counts"/> for every connection this node has a session on.</summary>
    public void CountConnections(Dictionary<ConnectionKey, int> counts)
    {
        lock (_gate)
        {
            foreach (var session in _peers.Values.SelectMany(s => s))
            {
                if (session.Key is { } key)
                    counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>
    /// Peers this node has a session with that the other end has admitted too (its count in
    /// <paramref name="counts"/>, filled by every node's <see cref="CountConnections"/>, is 2).
    /// </summary>
    public int PeersAdmittedByBothEnds(IReadOnlyDictionary<ConnectionKey, int> counts)
    {
        lock (_gate)
            return _peers.Values.Count(sessions => sessions.Any(s => s.Key is { } key && counts.GetValueOrDefault(key) >= 2));
    }

    public NodeSnapshot Snapshot()
    {
        lock (_gate)
            return new NodeSnapshot(Index, _peers.Count, _tableSize, _handshakes, _messages, new Dictionary<DisconnectReason, long>(_drops));
    }
}

/// <summary>One session with a peer: its direction and its connection's key (null without addresses).</summary>
internal readonly record struct Session(bool Inbound, ConnectionKey? Key);

/// <summary>One node's figures at one instant.</summary>
internal sealed record NodeSnapshot(int Index, int Peers, int TableSize, long Handshakes, long Messages, IReadOnlyDictionary<DisconnectReason, long> Drops);
