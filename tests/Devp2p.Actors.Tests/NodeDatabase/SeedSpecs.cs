using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>QuerySeeds returns distinct nodes with a fresh endpoint proof for their stored address, at random.</summary>
public sealed class SeedSpecs
{
    private static readonly DateTimeOffset Now = T0.AddDays(10);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(5);

    [Fact]
    public void Only_nodes_with_a_pong_newer_than_max_age_are_seeds()
    {
        using var db = SqliteNodeDatabase.Open(null);
        db.UpsertNode(Node(1, Now));
        db.SetLastPongReceived(Id(1), Ip(1), Now.AddDays(-1));       // fresh
        db.UpsertNode(Node(2, Now));
        db.SetLastPongReceived(Id(2), Ip(2), Now.AddDays(-6));       // too old
        db.UpsertNode(Node(3, Now));
        db.SetLastPongReceived(Id(3), Ip(3), Now - MaxAge);          // exactly max age: not newer
        db.UpsertNode(Node(4, Now));                                 // never ponged
        db.SetLastPingReceived(Id(4), Ip(4), Now);
        db.UpsertNode(Node(5, Now));
        db.SetLastPongReceived(Id(5), Ip(6), Now);                   // pong from an address it is not stored with
        db.SetLastPongReceived(Id(7), Ip(7), Now);                   // pong but no node row

        var seeds = db.QuerySeeds(10, MaxAge, Now);

        Assert.Equal(Node(1, Now), Assert.Single(seeds));
    }

    [Fact]
    public void At_most_max_distinct_nodes_and_the_choice_varies()
    {
        using var db = SqliteNodeDatabase.Open(null);
        for (var i = 0; i < 50; i++)
        {
            db.UpsertNode(Node(i, Now));
            db.SetLastPongReceived(Id(i), Ip(i), Now);
        }

        var seen = new HashSet<int>();
        for (var round = 0; round < 20; round++)
        {
            var seeds = db.QuerySeeds(5, MaxAge, Now);
            Assert.Equal(5, seeds.Count);
            Assert.Equal(5, seeds.Select(s => IndexOf(s.Id)).Distinct().Count());
            seen.UnionWith(seeds.Select(s => IndexOf(s.Id)));
        }
        // 100 random draws out of 50 nodes: a fixed order would show only 5. Failing by chance is ~impossible.
        Assert.True(seen.Count > 20, $"only {seen.Count} distinct seeds over 20 queries");

        Assert.Equal(50, db.QuerySeeds(500, MaxAge, Now).Count);
        Assert.Empty(db.QuerySeeds(0, MaxAge, Now));
    }
}
