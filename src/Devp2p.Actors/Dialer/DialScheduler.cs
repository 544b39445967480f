using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Dialer;

/// <summary>
/// go-ethereum's dialScheduler rules without the goroutines: how many dials may start, which node
/// may be dialed, static nodes first in random order, a dial history that keeps a node from being
/// redialed too soon, and a backoff for static nodes that keep failing. The DialerActor moves the
/// bytes; this class only decides. Time comes from the clock handed in (the scheduler's monotonic
/// clock in the actor, a variable in tests).
/// </summary>
/// <remarks>
/// Free slots = min(2 × (max dialed peers − dialed peers), MaxActiveDials) − dials in flight. A dial
/// is in flight from its start until the connection is added or ends. Every dial start writes the
/// node into the history for HistoryExpiration; a static node whose dial ends without a peer is kept
/// out for HistoryExpiration × 2^(failures in a row − 1), capped at MaxStaticBackoff; success resets it.
/// </remarks>
public sealed class DialScheduler
{
    private readonly DialSchedulerOptions _options;
    private readonly Func<TimeSpan> _clock;
    private readonly Random _random;
    private readonly Dictionary<NodeId, StaticNode> _static = new();
    private readonly Dictionary<NodeId, bool> _dialing = new(); // id → static
    private readonly Dictionary<NodeId, bool> _peers = new(); // id → inbound
    private readonly HashSet<NodeId> _pendingInbound = new();
    private readonly Dictionary<NodeId, TimeSpan> _history = new();
    private readonly PriorityQueue<NodeId, TimeSpan> _historyExpiry = new();
    private int _dialedPeers;

    public DialScheduler(DialSchedulerOptions options, Func<TimeSpan> clock, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _options = options;
        _clock = clock;
        _random = random ?? Random.Shared;
    }

    /// <summary>Dials that may start now.</summary>
    public int FreeSlots
    {
        get
        {
            var slots = Math.Min(2 * (_options.MaxDialedPeers - _dialedPeers), _options.MaxActiveDials);
            return Math.Max(0, slots - _dialing.Count);
        }
    }

    public int DialingCount => _dialing.Count;

    public int DialedPeers => _dialedPeers;

    public int HistoryCount
    {
        get
        {
            ExpireHistory(_clock());
            return _history.Count;
        }
    }

    public bool IsDialing(NodeId id) => _dialing.ContainsKey(id);

    public bool IsStatic(NodeId id) => _static.ContainsKey(id);

    /// <summary>Consecutive failed dials of a static node (0 for others).</summary>
    public int StaticFailures(NodeId id) => _static.TryGetValue(id, out var s) ? s.Failures : 0;

    public void AddStatic(EnodeUrl node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _static[node.Id] = _static.TryGetValue(node.Id, out var old) ? old with { Node = node } : new StaticNode(node, 0);
    }

    public bool RemoveStatic(NodeId id)
    {
        if (_dialing.ContainsKey(id)) _dialing[id] = false;
        return _static.Remove(id);
    }

    /// <summary>Whether <paramref name="node"/> may be dialed now, slots aside (geth checkDial, plus pending inbound).</summary>
    public DialRefusal Check(EnodeUrl node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Id == _options.Self) return DialRefusal.Self;
        if (node.Ip is null) return DialRefusal.NoAddress;
        if (node.TcpPort <= 0) return DialRefusal.NoTcpPort;
        if (_dialing.ContainsKey(node.Id)) return DialRefusal.AlreadyDialing;
        if (_peers.ContainsKey(node.Id)) return DialRefusal.AlreadyConnected;
        if (_pendingInbound.Contains(node.Id)) return DialRefusal.PendingInbound;
        if (_options.NetRestrict is { } restrict && !restrict.Any(p => p.Contains(node.Ip))) return DialRefusal.NetRestrict;
        ExpireHistory(_clock());
        if (_history.ContainsKey(node.Id)) return DialRefusal.RecentlyDialed;
        return DialRefusal.None;
    }

    /// <summary>Picks static nodes to dial now, in random order, as many as the free slots allow, and marks them in flight.</summary>
    public IReadOnlyList<EnodeUrl> StartStaticDials()
    {
        var free = FreeSlots;
        if (free <= 0 || _static.Count == 0) return [];
        var ready = _static.Values.Select(s => s.Node).Where(n => Check(n) == DialRefusal.None).ToArray();
        _random.Shuffle(ready);
        var started = ready.Take(free).ToArray();
        foreach (var node in started) Start(node, isStatic: true);
        return started;
    }

    /// <summary>A discovered candidate: dialed (marked in flight) when it passes the checks and a slot is free.</summary>
    public DialRefusal TryStartDial(EnodeUrl node)
    {
        var refusal = Check(node);
        if (refusal != DialRefusal.None) return refusal;
        if (FreeSlots <= 0) return DialRefusal.NoFreeSlot;
        Start(node, _static.ContainsKey(node.Id));
        return DialRefusal.None;
    }

    /// <summary>A dial ended without a peer (TCP failed, timed out, or the connection closed before it was added).</summary>
    public void DialFailed(NodeId id)
    {
        if (!_dialing.Remove(id)) return;
        if (!_static.TryGetValue(id, out var node)) return;
        var failures = node.Failures + 1;
        _static[id] = node with { Failures = failures };
        var now = _clock();
        var backoff = StaticBackoff(failures);
        var until = now + backoff;
        if (!_history.TryGetValue(id, out var current) || current < until) SetHistory(id, until);
    }

    /// <summary>The delay before a static node that failed <paramref name="failures"/> times in a row is dialed again.</summary>
    public TimeSpan StaticBackoff(int failures)
    {
        var shift = Math.Clamp(failures - 1, 0, 20);
        var ticks = Math.Min((double)_options.HistoryExpiration.Ticks * (1L << shift), _options.MaxStaticBackoff.Ticks);
        return TimeSpan.FromTicks(Math.Max((long)ticks, _options.HistoryExpiration.Ticks));
    }

    public void PeerAdded(NodeId id, bool inbound)
    {
        _dialing.Remove(id);
        _pendingInbound.Remove(id);
        if (_peers.TryGetValue(id, out var wasInbound))
        {
            if (!wasInbound) _dialedPeers--;
        }
        _peers[id] = inbound;
        if (!inbound) _dialedPeers++;
        if (_static.TryGetValue(id, out var node)) _static[id] = node with { Failures = 0 };
    }

    public void PeerRemoved(NodeId id)
    {
        if (_peers.Remove(id, out var inbound) && !inbound) _dialedPeers--;
    }

    public void InboundPending(NodeId id) => _pendingInbound.Add(id);

    public void InboundEnded(NodeId id) => _pendingInbound.Remove(id);

    /// <summary>How long until a static node that is waiting out its history may be dialed; null when none waits.</summary>
    public TimeSpan? NextStaticDue()
    {
        var now = _clock();
        ExpireHistory(now);
        TimeSpan? earliest = null;
        foreach (var id in _static.Keys)
        {
            if (_dialing.ContainsKey(id) || _peers.ContainsKey(id)) continue;
            if (_history.TryGetValue(id, out var until) && (earliest is null || until < earliest)) earliest = until;
        }
        return earliest is { } e ? e - now : null;
    }

    private void Start(EnodeUrl node, bool isStatic)
    {
        _dialing[node.Id] = isStatic;
        SetHistory(node.Id, _clock() + _options.HistoryExpiration);
    }

    private void SetHistory(NodeId id, TimeSpan until)
    {
        _history[id] = until;
        _historyExpiry.Enqueue(id, until);
    }

    private void ExpireHistory(TimeSpan now)
    {
        while (_historyExpiry.TryPeek(out var id, out var until) && until <= now)
        {
            _historyExpiry.Dequeue();
            if (_history.TryGetValue(id, out var current) && current <= now) _history.Remove(id);
        }
    }

    private sealed record StaticNode(EnodeUrl Node, int Failures);
}
