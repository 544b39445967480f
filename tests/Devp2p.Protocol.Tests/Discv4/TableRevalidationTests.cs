using Devp2p.Protocol.Discv4;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>The liveness bookkeeping the discovery actor drives: queues, answers, misses, promotion.</summary>
public class TableRevalidationTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Unproven_queue_yields_the_least_recently_checked_and_rotates()
    {
        var nodes = new TableTestNodes(20);
        var table = new KademliaTable(nodes.Self);
        var a = nodes.NodeAt(256);
        var b = nodes.NodeAt(255);
        table.AddSeen(a, T0);
        table.AddSeen(b, T0.AddSeconds(1));

        Assert.Equal(a, table.StartRevalidation(RevalidationQueue.Unproven, T0.AddSeconds(2))!.Node);
        Assert.Equal(b, table.StartRevalidation(RevalidationQueue.Unproven, T0.AddSeconds(3))!.Node);
        Assert.Null(table.StartRevalidation(RevalidationQueue.Proven, T0.AddSeconds(3)));
    }

    [Fact]
    public void An_answer_proves_the_node_and_moves_it_to_the_front()
    {
        var nodes = new TableTestNodes(21);
        var table = new KademliaTable(nodes.Self);
        var a = nodes.NodeAt(256);
        var b = nodes.NodeAt(256);
        table.AddSeen(a, T0);
        table.AddSeen(b, T0);

        var result = table.OnRevalidated(b.Id, responded: true, T0.AddSeconds(1));
        Assert.Equal(RevalidationOutcome.Alive, result.Outcome);
        var entry = table.Get(b.Id)!;
        Assert.True(entry.IsProven);
        Assert.Equal(T0.AddSeconds(1), entry.LastSeenAt);
        Assert.Equal([b, a], table.BucketEntries(16).Select(e => e.Node));
        Assert.Equal(b, table.StartRevalidation(RevalidationQueue.Proven, T0.AddSeconds(2))!.Node);
    }

    [Fact]
    public void A_miss_removes_an_unproven_node_and_promotes_the_newest_replacement()
    {
        var nodes = new TableTestNodes(22);
        var table = new KademliaTable(nodes.Self);
        var entries = Enumerable.Range(0, 16).Select(_ => nodes.NodeAt(256)).ToArray();
        foreach (var node in entries)
            table.AddSeen(node, T0);
        var older = nodes.NodeAt(256);
        var newer = nodes.NodeAt(256);
        table.AddSeen(older, T0);
        table.AddSeen(newer, T0);

        var result = table.OnRevalidated(entries[3].Id, responded: false, T0);
        Assert.Equal(RevalidationOutcome.Removed, result.Outcome);
        Assert.Equal(newer, result.Promoted);
        Assert.False(table.Contains(entries[3].Id));
        Assert.True(table.Contains(newer.Id));
        Assert.Equal(newer, table.BucketEntries(16)[^1].Node);
        Assert.False(table.Get(newer.Id)!.IsProven);
        Assert.Equal([older], table.BucketReplacements(16).Select(e => e.Node));
        Assert.Equal(RevalidationOutcome.NotInTable, table.OnRevalidated(entries[3].Id, false, T0).Outcome);
    }

    [Fact]
    public void A_proven_node_survives_misses_until_its_count_reaches_zero()
    {
        var nodes = new TableTestNodes(23);
        var table = new KademliaTable(nodes.Self);
        var a = nodes.NodeAt(256);
        table.AddSeen(a, T0);
        for (int i = 0; i < 9; i++)
            table.OnRevalidated(a.Id, true, T0);
        Assert.Equal(9, table.Get(a.Id)!.LivenessChecks);

        Assert.Equal(RevalidationOutcome.Demoted, table.OnRevalidated(a.Id, false, T0).Outcome); // 9 → 3
        Assert.Equal(RevalidationOutcome.Demoted, table.OnRevalidated(a.Id, false, T0).Outcome); // 3 → 1
        var last = table.OnRevalidated(a.Id, false, T0); // 1 → 0
        Assert.Equal(new RevalidationResult(RevalidationOutcome.Removed, null), last);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Remove_drops_replacements_too()
    {
        var nodes = new TableTestNodes(24);
        var table = new KademliaTable(nodes.Self);
        for (int i = 0; i < 16; i++)
            table.AddSeen(nodes.NodeAt(256), T0);
        var spare = nodes.NodeAt(256);
        table.AddSeen(spare, T0);
        Assert.True(table.IsReplacement(spare.Id));
        Assert.Equal(RevalidationOutcome.NotInTable, table.Remove(spare.Id).Outcome);
        Assert.False(table.IsReplacement(spare.Id));
    }
}
