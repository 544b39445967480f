namespace Devp2p.Actors.Discovery;

/// <summary>The DiscoveryActor's counters; touched only on the actor's turn, so plain fields.</summary>
internal sealed class DiscoveryCounters
{
    private readonly Dictionary<DiscoveryDrop, long> _dropped = [];

    public long Received { get; set; }

    public long Sent { get; set; }

    public long RelayedRejected { get; set; }

    public long LookupsCompleted { get; set; }

    /// <summary>Drops so far, and the last reason (the metrics tell which datagram a drop belonged to).</summary>
    public long DropCount { get; private set; }

    public DiscoveryDrop? LastDrop { get; private set; }

    public void Drop(DiscoveryDrop reason)
    {
        _dropped[reason] = _dropped.GetValueOrDefault(reason) + 1;
        DropCount++;
        LastDrop = reason;
    }

    /// <summary>Datagrams the receive loop shed before they reached the actor (counted on that thread).</summary>
    public Func<long> Shed { get; set; } = () => 0;

    public DiscoveryStats Snapshot(int tableSize, int pending)
    {
        var dropped = new Dictionary<DiscoveryDrop, long>(_dropped);
        if (Shed() is > 0 and var shed)
            dropped[DiscoveryDrop.Overloaded] = shed;
        return new(Received, Sent, dropped, RelayedRejected, tableSize, pending, LookupsCompleted);
    }
}
