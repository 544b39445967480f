using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// One iterative Kademlia lookup as a pure state machine (go-ethereum's lookup.go): it keeps
/// every node seen, sorted by distance to the target; asks the closest not-yet-asked ones,
/// at most α = 3 at a time, each node once; and is done when the 16 closest responsive nodes
/// have all been asked and nothing is in flight. The owner sends the FindNode packets, waits
/// for the replies or timeouts, and reports them; the lookup never sends, waits or reads a clock.
/// </summary>
/// <example>
/// <code>
/// var lookup = new Lookup(target, table.Self, table.Closest(target, 16));
/// foreach (var node in lookup.NextQueries()) SendFindNode(node, lookup.Target);
/// // on each (merged) Neighbors reply: lookup.OnResponse(node.Id, nodes); on timeout: lookup.OnFailure(node.Id);
/// // then send lookup.NextQueries() again, until lookup.IsDone; the answer is lookup.Result.
/// </code>
/// </example>
public sealed class Lookup
{
    private readonly List<Discv4Node> _seen = [];
    private readonly HashSet<NodeId> _seenIds = [];
    private readonly HashSet<NodeId> _asked = [];
    private readonly HashSet<NodeId> _inFlight = [];
    private readonly HashSet<NodeId> _failed = [];
    private readonly IComparer<Discv4Node> _byDistance;
    private readonly byte[] _targetHash;

    /// <param name="target">The key to look for; FindNode carries it, distances use its hash.</param>
    /// <param name="self">The local node: never queried, never in the result.</param>
    /// <param name="seeds">Where to start: the table's closest nodes (or bootnodes when the table is empty).</param>
    /// <param name="alpha">Queries in flight at most (α, 3).</param>
    /// <param name="resultSize">How many closest nodes the lookup converges on (k, 16).</param>
    public Lookup(NodeId target, NodeId self, IEnumerable<Discv4Node> seeds, int alpha = KademliaConstants.Alpha, int resultSize = KademliaConstants.BucketSize)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentOutOfRangeException.ThrowIfLessThan(alpha, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(resultSize, 1);
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Self = self ?? throw new ArgumentNullException(nameof(self));
        Alpha = alpha;
        ResultSize = resultSize;
        _targetHash = target.Hash.ToArray();
        _byDistance = NodeDistance.ComparerFor(_targetHash);
        AddNodes(seeds);
    }

    public NodeId Target { get; }

    public NodeId Self { get; }

    public int Alpha { get; }

    public int ResultSize { get; }

    /// <summary>Queries sent and not yet answered or failed.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Nodes queried so far (answered, failed or in flight).</summary>
    public int QueriedCount => _asked.Count;

    /// <summary>Distinct nodes learnt of, seeds included.</summary>
    public int SeenCount => _seen.Count;

    /// <summary>True when nothing is in flight and no node among the closest <see cref="ResultSize"/> is left to ask.</summary>
    public bool IsDone => _inFlight.Count == 0 && !HasCandidate();

    /// <summary>
    /// The closest <see cref="ResultSize"/> nodes seen that have not failed, closest first. Once
    /// <see cref="IsDone"/>, every one of them has been asked and has answered.
    /// </summary>
    public IReadOnlyList<Discv4Node> Result
    {
        get
        {
            var result = new List<Discv4Node>(ResultSize);
            foreach (var node in _seen)
            {
                if (_failed.Contains(node.Id))
                    continue;
                result.Add(node);
                if (result.Count == ResultSize)
                    break;
            }
            return result;
        }
    }

    /// <summary>
    /// The nodes to query now: the closest unasked ones among the closest <see cref="ResultSize"/>
    /// live candidates, as many as keep ≤ α in flight. They count as in flight until
    /// <see cref="OnResponse"/> or <see cref="OnFailure"/>. Empty when nothing can be sent now.
    /// </summary>
    public IReadOnlyList<Discv4Node> NextQueries()
    {
        var queries = new List<Discv4Node>();
        int considered = 0;
        foreach (var node in _seen)
        {
            if (_inFlight.Count >= Alpha || considered >= ResultSize)
                break;
            if (_failed.Contains(node.Id))
                continue;
            considered++;
            if (_asked.Add(node.Id))
            {
                _inFlight.Add(node.Id);
                queries.Add(node);
            }
        }
        return queries;
    }

    /// <summary>
    /// A reply from <paramref name="from"/> (all its Neighbors packets merged, or each one as it
    /// comes). New nodes join the candidates; the local node and duplicates are ignored. A reply
    /// from a node not in flight (unsolicited, or late after a failure) adds its nodes but
    /// changes no query state. Filter relayed nodes with <see cref="RelayIpCheck"/> first.
    /// </summary>
    public void OnResponse(NodeId from, IEnumerable<Discv4Node> neighbors)
    {
        ArgumentNullException.ThrowIfNull(neighbors);
        _inFlight.Remove(from);
        AddNodes(neighbors);
    }

    /// <summary>The query to <paramref name="from"/> timed out or failed: it leaves the result and frees its slot.</summary>
    public void OnFailure(NodeId from)
    {
        if (_inFlight.Remove(from) || _asked.Contains(from))
            _failed.Add(from);
    }

    private bool HasCandidate()
    {
        int considered = 0;
        foreach (var node in _seen)
        {
            if (considered >= ResultSize)
                return false;
            if (_failed.Contains(node.Id))
                continue;
            considered++;
            if (!_asked.Contains(node.Id))
                return true;
        }
        return false;
    }

    private void AddNodes(IEnumerable<Discv4Node> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is null || node.Id.Equals(Self) || !_seenIds.Add(node.Id))
                continue;
            int index = _seen.BinarySearch(node, _byDistance);
            _seen.Insert(index < 0 ? ~index : index, node);
        }
    }
}
