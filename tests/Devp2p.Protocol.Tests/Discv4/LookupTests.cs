using System.Net;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>
/// The lookup against a simulated network of a few hundred nodes (fixed seed): every node's
/// table holds the others it has room for, and answers FindNode with its 16 closest. The lookup
/// must converge to the true 16 closest, asking each node once with ≤ 3 queries in flight.
/// With a share of nodes offline (still listed in others' tables) it must find nearly all of them.
/// </summary>
public class LookupTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 300, 0.0)]
    [InlineData(2, 300, 0.0)]
    [InlineData(3, 400, 0.0)]
    [InlineData(4, 300, 0.15)]
    [InlineData(5, 400, 0.3)]
    [InlineData(6, 300, 0.1)]
    [InlineData(7, 400, 0.2)]
    public void Converges_to_the_true_closest_nodes(int seed, int size, double offlineShare)
    {
        var network = new SimulatedNetwork(seed, size, offlineShare);
        var self = network.Nodes[0];
        var random = new Random(seed);
        // Ten random targets, a node's own id, and our own id (the self lookup of a refresh).
        var targets = Enumerable.Range(0, 10).Select(_ => PacketFactory.RandomId(random))
            .Append(network.Nodes[random.Next(1, size)].Id).Append(self.Id);
        var found = new List<int>();
        foreach (var target in targets)
        {
            var seeds = network.Nodes.Skip(1).OrderBy(_ => random.Next()).Take(3);
            var lookup = new Lookup(target, self.Id, seeds);
            var asked = network.Run(lookup, random);

            var expected = network.Nodes.Skip(1).Where(n => network.IsOnline(n.Id))
                .OrderBy(n => n, NodeDistance.ComparerFor(target.Hash)).Take(16).ToList();
            Assert.True(lookup.IsDone);
            Assert.All(lookup.Result, n => Assert.True(network.IsOnline(n.Id)));
            if (offlineShare == 0)
            {
                Assert.Equal(expected, lookup.Result);
            }
            else
            {
                // Remote tables still list the dead nodes, which crowd their answers; Kademlia then
                // guarantees only that nearly all of the true closest are found.
                Assert.Equal(lookup.Result.OrderBy(n => n, NodeDistance.ComparerFor(target.Hash)), lookup.Result);
                found.Add(expected.Intersect(lookup.Result).Count());
            }
            Assert.All(asked.Values, count => Assert.Equal(1, count));
            Assert.DoesNotContain(self.Id, asked.Keys);
            Assert.True(lookup.QueriedCount < size / 2, $"asked {lookup.QueriedCount} of {size}");
        }
        // Measured with these seeds (10–30 % offline): 13–16 per lookup, 15.1–15.8 on average.
        if (found.Count > 0)
        {
            Assert.True(found.Min() >= 13, $"a lookup found only {found.Min()} of the 16 closest live nodes");
            Assert.True(found.Average() >= 15, $"lookups found {found.Average():F2} of the 16 closest live nodes on average");
        }
    }

    [Fact]
    public void Keeps_at_most_alpha_queries_in_flight_and_asks_the_closest_first()
    {
        var random = new Random(9);
        var self = PacketFactory.RandomId(random);
        var target = PacketFactory.RandomId(random);
        var seeds = Enumerable.Range(0, 10).Select(_ => PacketFactory.Node(random, "10.0.0.1")).ToList();
        var lookup = new Lookup(target, self, seeds);

        var first = lookup.NextQueries();
        var closest = seeds.OrderBy(n => n, NodeDistance.ComparerFor(target.Hash)).ToList();
        Assert.Equal(closest.Take(3), first);
        Assert.Empty(lookup.NextQueries());
        Assert.Equal(3, lookup.InFlight);

        lookup.OnFailure(first[0].Id);
        Assert.Equal([closest[3]], lookup.NextQueries());
        Assert.DoesNotContain(first[0], lookup.Result);
    }

    [Fact]
    public void Finishes_when_every_candidate_answered()
    {
        var random = new Random(10);
        var self = PacketFactory.RandomId(random);
        var seeds = Enumerable.Range(0, 2).Select(_ => PacketFactory.Node(random, "10.0.0.1")).ToList();
        var lookup = new Lookup(PacketFactory.RandomId(random), self, seeds);
        var queries = lookup.NextQueries();
        Assert.Equal(2, queries.Count);
        Assert.False(lookup.IsDone);

        // One answers with itself, the local node and the other seed: nothing new.
        lookup.OnResponse(queries[0].Id, [queries[0], queries[1], new Discv4Node(self, IPAddress.Loopback, 1, 1)]);
        Assert.False(lookup.IsDone);
        lookup.OnResponse(queries[1].Id, []);
        Assert.True(lookup.IsDone);
        Assert.Empty(lookup.NextQueries());
        Assert.Equal(2, lookup.Result.Count);
        Assert.Equal(2, lookup.SeenCount);
    }

    [Fact]
    public void An_empty_seed_list_is_done_at_once_and_unsolicited_replies_do_not_count_as_queries()
    {
        var random = new Random(11);
        var lookup = new Lookup(PacketFactory.RandomId(random), PacketFactory.RandomId(random), []);
        Assert.True(lookup.IsDone);
        Assert.Empty(lookup.Result);

        var stranger = PacketFactory.Node(random, "10.0.0.1");
        lookup.OnResponse(stranger.Id, [PacketFactory.Node(random, "10.0.0.2")]);
        Assert.Equal(0, lookup.InFlight);
        Assert.False(lookup.IsDone); // it learnt a node worth asking
        Assert.Single(lookup.NextQueries());
    }

    /// <summary>Nodes with full tables answering FindNode synchronously; some never answer.</summary>
    private sealed class SimulatedNetwork
    {
        private readonly Dictionary<NodeId, KademliaTable> _tables = [];
        private readonly HashSet<NodeId> _offline = [];

        public SimulatedNetwork(int seed, int size, double offlineShare)
        {
            var random = new Random(seed * 7919);
            Nodes = Enumerable.Range(0, size)
                .Select(i => new Discv4Node(PacketFactory.RandomId(random), IPAddress.Parse($"10.{i / 250}.{i % 250}.1"), 30303, 30303))
                .ToList();
            foreach (var node in Nodes)
            {
                var table = new KademliaTable(node.Id, new Random(seed));
                foreach (var other in Nodes.OrderBy(_ => random.Next()))
                    table.AddSeen(other, T0);
                _tables[node.Id] = table;
            }
            foreach (var node in Nodes.Skip(1))
            {
                if (random.NextDouble() < offlineShare)
                    _offline.Add(node.Id);
            }
        }

        public List<Discv4Node> Nodes { get; }

        public bool IsOnline(NodeId id) => !_offline.Contains(id);

        /// <summary>Drives the lookup to the end, answering the in-flight queries in random order; returns how often each node was asked.</summary>
        public Dictionary<NodeId, int> Run(Lookup lookup, Random random)
        {
            var asked = new Dictionary<NodeId, int>();
            var pending = new List<Discv4Node>();
            for (int step = 0; step < 10_000 && !lookup.IsDone; step++)
            {
                foreach (var node in lookup.NextQueries())
                {
                    asked[node.Id] = asked.GetValueOrDefault(node.Id) + 1;
                    pending.Add(node);
                }
                Assert.True(lookup.InFlight <= KademliaConstants.Alpha);
                Assert.Equal(pending.Count, lookup.InFlight);
                if (pending.Count == 0)
                    break;
                var next = pending[random.Next(pending.Count)];
                pending.Remove(next);
                if (IsOnline(next.Id))
                    lookup.OnResponse(next.Id, _tables[next.Id].Closest(lookup.Target, KademliaConstants.BucketSize));
                else
                    lookup.OnFailure(next.Id);
            }
            return asked;
        }
    }
}
