using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// An <see cref="INodeDatabase"/> that forgets everything on dispose: for tests, the CLI's one-shot
/// commands, and nodes configured without a database path. Thread-safe (one lock), since a test may
/// read it while the actor writes.
/// </summary>
public sealed class InMemoryNodeDatabase : INodeDatabase
{
    private readonly object _gate = new();
    private readonly Dictionary<NodeId, StoredNode> _nodes = [];
    private readonly Dictionary<(NodeId, IPAddress), DateTimeOffset> _pings = [];
    private readonly Dictionary<(NodeId, IPAddress), DateTimeOffset> _pongs = [];
    private readonly Dictionary<(NodeId, IPAddress), int> _fails = [];
    private readonly Dictionary<NodeId, ulong> _localSeq = [];
    private readonly Random _random;

    public InMemoryNodeDatabase(Random? random = null) => _random = random ?? new Random();

    public void UpsertNode(StoredNode node)
    {
        lock (_gate)
            _nodes[node.Id] = node;
    }

    public StoredNode? GetNode(NodeId id)
    {
        lock (_gate)
            return _nodes.GetValueOrDefault(id);
    }

    public void DeleteNode(NodeId id)
    {
        lock (_gate)
            DeleteLocked(id);
    }

    public DateTimeOffset? LastPingReceived(NodeId id, IPAddress ip) => Get(_pings, id, ip);

    public void SetLastPingReceived(NodeId id, IPAddress ip, DateTimeOffset at) => Set(_pings, id, ip, at);

    public DateTimeOffset? LastPongReceived(NodeId id, IPAddress ip) => Get(_pongs, id, ip);

    public void SetLastPongReceived(NodeId id, IPAddress ip, DateTimeOffset at) => Set(_pongs, id, ip, at);

    public int FindFails(NodeId id, IPAddress ip)
    {
        lock (_gate)
            return _fails.GetValueOrDefault((id, Key(ip)));
    }

    public void SetFindFails(NodeId id, IPAddress ip, int fails)
    {
        lock (_gate)
            _fails[(id, Key(ip))] = fails;
    }

    public ulong LocalSeq(NodeId localId)
    {
        lock (_gate)
            return _localSeq.GetValueOrDefault(localId);
    }

    public void SetLocalSeq(NodeId localId, ulong seq)
    {
        lock (_gate)
            _localSeq[localId] = seq;
    }

    public IReadOnlyList<StoredNode> QuerySeeds(int max, TimeSpan maxAge, DateTimeOffset now)
    {
        lock (_gate)
        {
            var cutoff = now - maxAge;
            var fresh = _nodes.Values
                .Where(n => _pongs.TryGetValue((n.Id, Key(n.Ip)), out var pong) && pong >= cutoff)
                .ToArray();
            _random.Shuffle(fresh);
            return fresh.Take(max).ToArray();
        }
    }

    public int ExpireNodes(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            var old = _nodes.Values.Where(n => n.LastSeen < cutoff).Select(n => n.Id).ToArray();
            foreach (var id in old)
                DeleteLocked(id);
            return old.Length;
        }
    }

    public void Dispose()
    {
    }

    private void DeleteLocked(NodeId id)
    {
        _nodes.Remove(id);
        foreach (var map in new[] { _pings, _pongs })
        {
            foreach (var key in map.Keys.Where(k => k.Item1.Equals(id)).ToArray())
                map.Remove(key);
        }
        foreach (var key in _fails.Keys.Where(k => k.Item1.Equals(id)).ToArray())
            _fails.Remove(key);
    }

    private DateTimeOffset? Get(Dictionary<(NodeId, IPAddress), DateTimeOffset> map, NodeId id, IPAddress ip)
    {
        lock (_gate)
            return map.TryGetValue((id, Key(ip)), out var at) ? at : null;
    }

    private void Set(Dictionary<(NodeId, IPAddress), DateTimeOffset> map, NodeId id, IPAddress ip, DateTimeOffset at)
    {
        lock (_gate)
            map[(id, Key(ip))] = at;
    }

    // IPv4-mapped IPv6 and IPv4 are one address for proof purposes.
    private static IPAddress Key(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
