using Devp2p.Kernel;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

// Iterative lookups (α = 3 FindNodes in flight, converging on the 16 closest) and the table refresh
// that runs them: at start and every RefreshInterval, a self lookup plus random lookups.
public sealed partial class DiscoveryActor
{
    /// <summary>Lookups waiting for a slot at most; further requests are answered at once with no nodes.</summary>
    private const int MaxQueuedLookups = 64;

    private readonly List<LookupRun> _running = [];
    private readonly Queue<LookupRun> _queued = new();

    private sealed class LookupRun(NodeId target, IActorRef? replyTo)
    {
        public NodeId Target { get; } = target;

        public IActorRef? ReplyTo { get; } = replyTo;

        public Lookup? State { get; set; }
    }

    private void Refresh()
    {
        // Refreshes never overlap (as geth's): a slow one is not joined by another behind it.
        if (_running.Concat(_queued).Any(r => r.ReplyTo is null))
            return;
        if (_table.Count == 0)
            SeedTable();
        StartLookup(_self, null);
        for (int i = 0; i < _settings.RandomLookupsPerRefresh; i++)
            StartLookup(_table.RandomTarget(), null);
    }

    private void StartLookup(NodeId target, IActorRef? replyTo)
    {
        var run = new LookupRun(target, replyTo);
        if (_running.Count >= _settings.MaxConcurrentLookups)
        {
            if (_queued.Count >= MaxQueuedLookups)
            {
                replyTo?.Tell(new LookupResult(target, []));
                return;
            }
            _queued.Enqueue(run);
            return;
        }
        Begin(run);
    }

    private void Begin(LookupRun run)
    {
        IEnumerable<Discv4Node> seeds = _table.Closest(run.Target, KademliaConstants.BucketSize);
        if (!seeds.Any())
            seeds = Bootnodes();
        run.State = new Lookup(run.Target, _self, seeds);
        _running.Add(run);
        Advance(run);
    }

    private void Advance(LookupRun run)
    {
        var lookup = run.State!;
        if (!_running.Contains(run))
            return;
        foreach (var node in lookup.NextQueries())
        {
            SendFindNode(node, run.Target, nodes =>
            {
                if (nodes is null)
                {
                    lookup.OnFailure(node.Id);
                    CountFindNodeFailure(node);
                }
                else
                {
                    ResetFindNodeFailures(node);
                    foreach (var found in nodes)
                        AddSeen(found);
                    lookup.OnResponse(node.Id, nodes);
                }
                Advance(run);
            });
        }
        if (lookup.IsDone)
            Finish(run);
    }

    private void Finish(LookupRun run)
    {
        if (!_running.Remove(run))
            return;
        _counters.LookupsCompleted++;
        run.ReplyTo?.Tell(new LookupResult(run.Target, run.State!.Result));
        while (_running.Count < _settings.MaxConcurrentLookups && _queued.TryDequeue(out var next))
            Begin(next);
    }

    private void FailAllLookups()
    {
        foreach (var run in _running.Concat(_queued))
            run.ReplyTo?.Tell(new LookupResult(run.Target, []));
        _running.Clear();
        _queued.Clear();
    }

    private void CountFindNodeFailure(Discv4Node node)
    {
        int fails = _db.FindFails(node.Id, node.Address!) + 1;
        _db.SetFindFails(node.Id, node.Address!, fails);
        if (fails >= _settings.MaxFindNodeFailures)
            Publish(node, _table.Remove(node.Id));
    }

    private void ResetFindNodeFailures(Discv4Node node)
    {
        if (_db.FindFails(node.Id, node.Address!) > 0)
            _db.SetFindFails(node.Id, node.Address!, 0);
    }

    private IEnumerable<Discv4Node> Bootnodes() =>
        _settings.Bootnodes
            .Where(b => b.Ip is not null && !b.Id.Equals(_self))
            .Select(b => new Discv4Node(b.Id, Plain(b.Ip!), (ushort)b.UdpPort, (ushort)b.TcpPort));
}
