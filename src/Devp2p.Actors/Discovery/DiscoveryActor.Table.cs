using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

// Feeding the table, liveness checks, events, dial candidates and database expiry.
public sealed partial class DiscoveryActor
{
    private DateTime TableNow => Now.UtcDateTime;

    /// <summary>Database nodes seen in the last <see cref="DiscoverySettings.SeedMaxAge"/>, and the bootnodes.</summary>
    private void SeedTable()
    {
        foreach (var stored in _db.QuerySeeds(_settings.SeedCount, _settings.SeedMaxAge, Now))
        {
            if (!stored.Id.Equals(_self) && IsAllowed(stored.Ip))
                AddSeen(new Discv4Node(stored.Id, Plain(stored.Ip), (ushort)stored.UdpPort, (ushort)stored.TcpPort));
        }
        foreach (var boot in Bootnodes())
            AddSeen(boot);
    }

    private void AddSeen(Discv4Node node)
    {
        if (node.Address is not { } ip || !IsAllowed(ip))
            return;
        Publish(node, _table.AddSeen(node, TableNow));
    }

    /// <summary>A node that answered our Ping or pinged us with a proven endpoint.</summary>
    private void AddVerified(Discv4Node node)
    {
        if (node.Address is not { } ip || !IsAllowed(ip))
            return;
        var known = _db.GetNode(node.Id);
        ushort tcp = node.TcpPort != 0 ? node.TcpPort : (ushort)(known?.TcpPort ?? 0);
        var updated = tcp == node.TcpPort ? node : new Discv4Node(node.Id, ip, node.UdpPort, tcp);
        if (!IsCurrent(known, ip, node.UdpPort, tcp))
            _db.UpsertNode(new StoredNode(node.Id, ip, node.UdpPort, tcp, known?.Enr, Now));
        Publish(updated, _table.AddVerified(updated, TableNow));
    }

    /// <summary>
    /// True when the stored row already has this endpoint and was seen within <see cref="LastSeenResolution"/>:
    /// rewriting it for every Ping and Pong would be a database write per packet for a time nobody
    /// reads that finely (expiry works in hours, eviction by the oldest).
    /// </summary>
    private bool IsCurrent(StoredNode? known, System.Net.IPAddress ip, ushort udp, ushort tcp) =>
        known is not null && known.UdpPort == udp && known.TcpPort == tcp && known.Ip.Equals(ip)
        && Now - known.LastSeen < LastSeenResolution && known.LastSeen <= Now;

    private void Revalidate(RevalidationQueue queue)
    {
        if (_table.StartRevalidation(queue, TableNow) is not { } entry)
            return;
        var node = entry.Node;
        SendPing(node, pong => Publish(node, _table.OnRevalidated(node.Id, pong is not null, TableNow)));
    }

    private void ExpireNodes()
    {
        // Our own record lives in the database too (LocalNodeRecord); keep it from expiring while we run.
        if (_db.GetNode(_self) is { } own)
            _db.UpsertNode(own with { LastSeen = Now });
        int expired = _db.ExpireNodes(Now - _settings.NodeExpiration);
        if (expired > 0)
            _log.Debug("discv4 expired {Count} database nodes", expired);
    }

    private IReadOnlyList<EnodeUrl> DialCandidates(int max) =>
        _table.RandomNodes(Math.Max(0, max) * 2)
            .Where(n => n.TcpPort != 0 && n.Address is not null)
            .Take(Math.Max(0, max))
            .Select(n => new EnodeUrl(n.Id, n.Address, n.TcpPort, n.UdpPort))
            .ToArray();

    private void Publish(Discv4Node node, TableAddResult result)
    {
        if (result == TableAddResult.Added)
            Context.System.EventStream.Publish(new DiscoveryTableChanged(TableChange.Added, node, _table.Count));
    }

    private void Publish(Discv4Node node, RevalidationResult result)
    {
        if (result.Outcome != RevalidationOutcome.Removed)
            return;
        Context.System.EventStream.Publish(new DiscoveryTableChanged(TableChange.Removed, node, _table.Count));
        if (result.Promoted is { } promoted)
            Context.System.EventStream.Publish(new DiscoveryTableChanged(TableChange.Added, promoted, _table.Count));
    }
}
