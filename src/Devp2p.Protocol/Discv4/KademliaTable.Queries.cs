using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Discv4;

public sealed partial class KademliaTable
{
    /// <summary>
    /// The <paramref name="count"/> entries closest to <paramref name="targetHash"/> (a 32-byte
    /// node hash), closest first. With <paramref name="preferLive"/>, only proven entries are
    /// returned when there are any (go-ethereum's <c>findnodeByID</c>, used to answer FindNode).
    /// </summary>
    public IReadOnlyList<Discv4Node> Closest(ReadOnlySpan<byte> targetHash, int count, bool preferLive = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var comparer = NodeDistance.ComparerFor(targetHash);
        var all = new List<Discv4Node>();
        var live = new List<Discv4Node>();
        foreach (var bucket in _buckets)
        {
            foreach (var entry in bucket.Entries)
            {
                all.Add(entry.Node);
                if (entry.IsProven)
                    live.Add(entry.Node);
            }
        }
        var chosen = preferLive && live.Count > 0 ? live : all;
        chosen.Sort(comparer);
        return chosen.Count > count ? chosen.GetRange(0, count) : chosen;
    }

    /// <summary>The entries closest to keccak256(<paramref name="target"/>): the answer to a FindNode for that key.</summary>
    public IReadOnlyList<Discv4Node> Closest(NodeId target, int count, bool preferLive = false) =>
        Closest(target.Hash, count, preferLive);

    /// <summary>
    /// Up to <paramref name="max"/> distinct entries in random order, for the dialer. Proven
    /// entries come first (shuffled among themselves), then unproven ones.
    /// </summary>
    public IReadOnlyList<Discv4Node> RandomNodes(int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var proven = new List<Discv4Node>();
        var unproven = new List<Discv4Node>();
        foreach (var bucket in _buckets)
        {
            foreach (var entry in bucket.Entries)
                (entry.IsProven ? proven : unproven).Add(entry.Node);
        }
        Shuffle(proven);
        Shuffle(unproven);
        proven.AddRange(unproven);
        return proven.Count > max ? proven.GetRange(0, max) : proven;
    }

    /// <summary>A random 64-byte key to look up (random lookups refresh far buckets).</summary>
    public NodeId RandomTarget()
    {
        var bytes = new byte[NodeId.Length];
        _random.NextBytes(bytes);
        return NodeId.FromBytes(bytes);
    }

    private void Shuffle(List<Discv4Node> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
