using System.Net;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// The replies discovery waits for (go-ethereum's <c>replyMatcher</c> list): each expects one packet
/// type from one node id at one IP, and for Pong and ENRResponse the hash of our request. A reply that
/// matches nothing is unsolicited and dropped. Pure: the actor owns the timeouts and calls
/// <see cref="Remove"/> when one fires.
/// </summary>
public sealed class PendingReplies
{
    private readonly Dictionary<long, PendingReply> _byId = [];
    private long _nextId;

    public int Count => _byId.Count;

    /// <summary>Registers an expected reply; <paramref name="hash"/> is required for Pong and ENRResponse.</summary>
    public PendingReply Add(NodeId from, IPAddress ip, Discv4PacketType type, ReadOnlyMemory<byte> hash, Func<Discv4Packet, bool> onReply, Action onTimeout)
    {
        if (type is Discv4PacketType.Pong or Discv4PacketType.EnrResponse && hash.Length != Discv4Constants.HashSize)
            throw new ArgumentException($"a {type} is matched by the 32-byte hash of our request", nameof(hash));
        var reply = new PendingReply(++_nextId, from, Normalize(ip), type, hash.ToArray(), onReply, onTimeout);
        _byId.Add(reply.Id, reply);
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
        var from = Normalize(ip);
        PendingReply? best = null;
        foreach (var reply in _byId.Values)
        {
            if (reply.Type != packet.Type || !reply.From.Equals(sender) || !reply.Ip.Equals(from))
                continue;
            if (reply.Hash.Length > 0 && !hash.SequenceEqual(reply.Hash))
                continue;
            if (best is null || reply.Id < best.Id)
                best = reply;
        }
        return best;
    }

    /// <summary>Removes a reply (answered or timed out); null if it was already gone.</summary>
    public PendingReply? Remove(long id) => _byId.Remove(id, out var reply) ? reply : null;

    /// <summary>Empties the list, returning what was pending (the actor fails each on stop).</summary>
    public IReadOnlyList<PendingReply> Clear()
    {
        var all = _byId.Values.ToArray();
        _byId.Clear();
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
