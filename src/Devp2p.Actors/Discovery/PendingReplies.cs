using System.Net;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// The replies discovery waits for (go-ethereum's <c>replyMatcher</c> list): each expects one packet
/// type from one node id at one IP, and for Pong and ENRResponse the hash of our request. A reply that
/// matches nothing is unsolicited and dropped. Pure: the actor owns the timeouts and calls
/// <see cref="Remove"/> when one fires. Indexed by sender, so matching a packet costs the few replies
/// pending from its sender, not a scan of all of them (thousands during lookups, for every packet of a flood).
/// </summary>
public sealed class PendingReplies
{
    private readonly Dictionary<long, PendingReply> _byId = [];
    private readonly Dictionary<NodeId, List<PendingReply>> _bySender = [];
    private long _nextId;

    public int Count => _byId.Count;

    /// <summary>Registers an expected reply; <paramref name="hash"/> is required for Pong and ENRResponse.</summary>
    public PendingReply Add(NodeId from, IPAddress ip, Discv4PacketType type, ReadOnlyMemory<byte> hash, Func<Discv4Packet, bool> onReply, Action onTimeout)
    {
        if (type is Discv4PacketType.Pong or Discv4PacketType.EnrResponse && hash.Length != Discv4Constants.HashSize)
            throw new ArgumentException($"a {type} is matched by the 32-byte hash of our request", nameof(hash));
        var reply = new PendingReply(++_nextId, from, Normalize(ip), type, hash.ToArray(), onReply, onTimeout);
        _byId.Add(reply.Id, reply);
        if (!_bySender.TryGetValue(from, out var fromSender))
            _bySender[from] = fromSender = [];
        fromSender.Add(reply); // ids grow, so each list is oldest first
        return reply;
    }

    /// <summary>
    /// The oldest pending reply that <paramref name="packet"/> from (<paramref name="sender"/>,
    /// <paramref name="ip"/>) answers, or null when it is unsolicited.
    /// </summary>
    public PendingReply? Match(NodeId sender, IPAddress ip, Discv4Packet packet)
    {
        var hash = packet switch
        {
            PongPacket pong => pong.PingHash.Span,
            EnrResponsePacket enr => enr.RequestHash.Span,
            _ => default,
        };
        if (!_bySender.TryGetValue(sender, out var fromSender))
            return null;
        var from = Normalize(ip);
        foreach (var reply in fromSender)
        {
            if (reply.Type != packet.Type || !reply.Ip.Equals(from))
                continue;
            if (reply.Hash.Length > 0 && !hash.SequenceEqual(reply.Hash))
                continue;
            return reply;
        }
        return null;
    }

    /// <summary>True when a reply of <paramref name="type"/> from <paramref name="sender"/> is pending.</summary>
    public bool IsAwaiting(NodeId sender, Discv4PacketType type) =>
        _bySender.TryGetValue(sender, out var fromSender) && fromSender.Exists(r => r.Type == type);

    /// <summary>Removes a reply (answered or timed out); null if it was already gone.</summary>
    public PendingReply? Remove(long id)
    {
        if (!_byId.Remove(id, out var reply))
            return null;
        var fromSender = _bySender[reply.From];
        fromSender.Remove(reply);
        if (fromSender.Count == 0)
            _bySender.Remove(reply.From);
        return reply;
    }

    /// <summary>Empties the list, returning what was pending (the actor fails each on stop).</summary>
    public IReadOnlyList<PendingReply> Clear()
    {
        var all = _byId.Values.ToArray();
        _byId.Clear();
        _bySender.Clear();
        return all;
    }

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}

/// <summary>One expected reply. <see cref="OnReply"/> returns true when the exchange is complete (a FindNode may take several Neighbors).</summary>
public sealed class PendingReply(long id, NodeId from, IPAddress ip, Discv4PacketType type, byte[] hash, Func<Discv4Packet, bool> onReply, Action onTimeout)
{
    public long Id { get; } = id;

    public NodeId From { get; } = from;

    public IPAddress Ip { get; } = ip;

    public Discv4PacketType Type { get; } = type;

    public byte[] Hash { get; } = hash;

    public Func<Discv4Packet, bool> OnReply { get; } = onReply;

    public Action OnTimeout { get; } = onTimeout;
}
