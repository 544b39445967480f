using System.Net;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Protocol.Tests.Discv4;

public class KademliaTableTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Nodes_land_in_the_bucket_of_their_distance()
    {
        var nodes = new TableTestNodes(1);
        var table = new KademliaTable(nodes.Self);
        foreach (int distance in new[] { 256, 255, 250, 245 })
        {
            var node = nodes.NodeAt(distance);
            Assert.Equal(TableAddResult.Added, table.AddSeen(node, T0));
            Assert.Equal(distance - 240, table.BucketIndexOf(node.Id));
            Assert.Contains(table.BucketEntries(distance - 240), e => e.Node.Equals(node));
        }
        Assert.Equal(4, table.Count);
    }

    [Fact]
    public void A_bucket_holds_16_then_10_replacements_newest_first()
    {
        var nodes = new TableTestNodes(2);
        var table = new KademliaTable(nodes.Self);
        var all = Enumerable.Range(0, 30).Select(_ => nodes.NodeAt(256)).ToArray();
        for (int i = 0; i < 16; i++)
            Assert.Equal(TableAddResult.Added, table.AddSeen(all[i], T0));
        for (int i = 16; i < 30; i++)
            Assert.Equal(TableAddResult.AddedAsReplacement, table.AddSeen(all[i], T0.AddSeconds(i)));

        Assert.Equal(all[..16], table.BucketEntries(16).Select(e => e.Node));
        Assert.Equal(all[20..].Reverse(), table.BucketReplacements(16).Select(e => e.Node));
        Assert.Equal(16, table.Count);
    }

    [Fact]
    public void Seen_appends_verified_moves_to_front()
    {
        var nodes = new TableTestNodes(3);
        var table = new KademliaTable(nodes.Self);
        var a = nodes.NodeAt(256);
        var b = nodes.NodeAt(256);
        var c = nodes.NodeAt(256);
        table.AddSeen(a, T0);
        table.AddSeen(b, T0);
        Assert.Equal(TableAddResult.Added, table.AddVerified(c, T0));
        Assert.Equal([c, a, b], table.BucketEntries(16).Select(e => e.Node));

        Assert.Equal(TableAddResult.AlreadyPresent, table.AddSeen(b, T0));
        Assert.Equal(TableAddResult.Updated, table.AddVerified(b, T0.AddSeconds(5)));
        Assert.Equal([b, c, a], table.BucketEntries(16).Select(e => e.Node));
        Assert.Equal(T0.AddSeconds(5), table.Get(b.Id)!.LastSeenAt);

        // A verified node brings its new endpoint.
        var moved = new Discv4Node(a.Id, IPAddress.Parse("30.0.0.9"), 40404, 40405);
        Assert.Equal(TableAddResult.Updated, table.AddVerified(moved, T0));
        Assert.Equal(moved.Endpoint, table.Get(a.Id)!.Node.Endpoint);
    }

    [Fact]
    public void Self_and_nodes_without_an_ip_are_refused()
    {
        var nodes = new TableTestNodes(4);
        var table = new KademliaTable(nodes.Self);
        Assert.Equal(TableAddResult.Self, table.AddVerified(new Discv4Node(nodes.Self, IPAddress.Loopback, 1, 1), T0));
        var noIp = new Discv4Node(nodes.IdAt(256), NodeEndpoint.FromRawIp([1, 2, 3], 30303, 30303));
        Assert.Equal(TableAddResult.InvalidEndpoint, table.AddSeen(noIp, T0));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void At_most_two_per_24_in_a_bucket()
    {
        var nodes = new TableTestNodes(5);
        var table = new KademliaTable(nodes.Self);
        Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(256, "50.1.2.3"), T0));
        Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(256, "50.1.2.200"), T0));
        Assert.Equal(TableAddResult.IpLimitExceeded, table.AddSeen(nodes.NodeAt(256, "50.1.2.4"), T0));
        Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(256, "50.1.3.4"), T0));
        // Another bucket has its own allowance.
        Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(255, "50.1.2.5"), T0));
    }

    [Fact]
    public void At_most_ten_per_24_in_the_table()
    {
        var nodes = new TableTestNodes(6);
        var table = new KademliaTable(nodes.Self);
        // Two per bucket (the bucket limit) over six buckets: twelve tries, ten fit in the table.
        var results = new List<TableAddResult>();
        foreach (int distance in new[] { 256, 255, 254, 253, 252, 251 })
        {
            for (int i = 0; i < 2; i++)
                results.Add(table.AddSeen(nodes.NodeAt(distance, $"60.0.0.{distance - 240 + i * 50}"), T0));
        }
        Assert.Equal([.. Enumerable.Repeat(TableAddResult.Added, 10), TableAddResult.IpLimitExceeded, TableAddResult.IpLimitExceeded], results);
    }

    [Fact]
    public void Replacements_count_toward_the_limits_and_removal_frees_the_slot()
    {
        var nodes = new TableTestNodes(7);
        var table = new KademliaTable(nodes.Self);
        for (int i = 0; i < 16; i++)
            table.AddSeen(nodes.NodeAt(256), T0);
        Assert.Equal(TableAddResult.AddedAsReplacement, table.AddSeen(nodes.NodeAt(256, "70.0.0.1"), T0));
        Assert.Equal(TableAddResult.AddedAsReplacement, table.AddSeen(nodes.NodeAt(256, "70.0.0.2"), T0));
        Assert.Equal(TableAddResult.IpLimitExceeded, table.AddSeen(nodes.NodeAt(256, "70.0.0.3"), T0));

        var first = nodes.NodeAt(255, "71.0.0.1");
        table.AddSeen(first, T0);
        table.AddSeen(nodes.NodeAt(255, "71.0.0.2"), T0);
        Assert.Equal(TableAddResult.IpLimitExceeded, table.AddSeen(nodes.NodeAt(255, "71.0.0.3"), T0));
        table.Remove(first.Id);
        Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(255, "71.0.0.3"), T0));
    }

    [Theory]
    [InlineData("10.0.0.")]
    [InlineData("192.168.7.")]
    [InlineData("127.0.0.")]
    public void Lan_and_loopback_are_exempt_from_ip_limits(string prefix)
    {
        var nodes = new TableTestNodes(8);
        var table = new KademliaTable(nodes.Self);
        for (int i = 1; i <= 16; i++)
            Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(256, prefix + i), T0));
        for (int i = 1; i <= 6; i++)
            Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(255, prefix + (100 + i)), T0));
        Assert.Equal(22, table.Count);
    }

    [Fact]
    public void Ip_limits_can_be_turned_off()
    {
        var nodes = new TableTestNodes(9);
        var table = new KademliaTable(nodes.Self, ipLimits: false);
        for (int i = 1; i <= 5; i++)
            Assert.Equal(TableAddResult.Added, table.AddSeen(nodes.NodeAt(256, "80.0.0." + i), T0));
    }

    [Fact]
    public void Closest_returns_entries_sorted_by_distance_to_the_target()
    {
        var nodes = new TableTestNodes(10);
        var table = new KademliaTable(nodes.Self, ipLimits: false);
        for (int i = 0; i < 200; i++)
            table.AddSeen(PacketFactory.Node(nodes.Random, "90.0.0.1"), T0);
        var target = PacketFactory.RandomId(nodes.Random);

        var closest = table.Closest(target, 16);
        var expected = table.Entries.Select(e => e.Node).OrderBy(n => n, NodeDistance.ComparerFor(target.Hash)).Take(16);
        Assert.Equal(expected, closest);
        for (int i = 1; i < closest.Count; i++)
            Assert.True(NodeDistance.DistCmp(target.Hash, closest[i - 1].Hash, closest[i].Hash) < 0);
        Assert.Equal(table.Count, table.Closest(target, 1000).Count);
    }

    [Fact]
    public void Closest_prefers_proven_entries_when_asked()
    {
        var nodes = new TableTestNodes(11);
        var table = new KademliaTable(nodes.Self);
        var a = nodes.NodeAt(256);
        var b = nodes.NodeAt(255);
        table.AddSeen(a, T0);
        table.AddSeen(b, T0);
        Assert.Equal(2, table.Closest(nodes.Self, 16, preferLive: true).Count);
        table.OnRevalidated(b.Id, responded: true, T0);
        Assert.Equal([b], table.Closest(nodes.Self, 16, preferLive: true));
        Assert.Equal([b, a], table.Closest(nodes.Self, 16));
    }

    [Fact]
    public void RandomNodes_are_distinct_proven_first_and_reproducible()
    {
        var nodes = new TableTestNodes(12);
        var ids = Enumerable.Range(0, 40).Select(_ => PacketFactory.Node(nodes.Random, "10.0.0.1")).ToArray();
        var one = new KademliaTable(nodes.Self, new Random(5));
        var two = new KademliaTable(nodes.Self, new Random(5));
        foreach (var node in ids)
        {
            one.AddSeen(node, T0);
            two.AddSeen(node, T0);
        }
        var proven = one.Entries.First().Node;
        one.OnRevalidated(proven.Id, true, T0);
        two.OnRevalidated(proven.Id, true, T0);

        var picked = one.RandomNodes(10);
        Assert.Equal(10, picked.Count);
        Assert.Equal(10, picked.Distinct().Count());
        Assert.Equal(proven, picked[0]);
        Assert.Equal(picked, two.RandomNodes(10));
        Assert.Equal(one.Count, one.RandomNodes(1000).Count);
    }
}
