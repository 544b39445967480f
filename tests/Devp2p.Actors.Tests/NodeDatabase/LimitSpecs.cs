using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>The row caps hold: beyond them the oldest rows make room, updates never evict.</summary>
public sealed class LimitSpecs
{
    [Fact]
    public void A_new_node_beyond_the_cap_evicts_the_least_recently_seen_with_its_proofs()
    {
        using var db = SqliteNodeDatabase.Open(null, new NodeDatabaseLimits { MaxNodes = 3 });
        db.UpsertNode(Node(1, T0.AddSeconds(3)));
        db.UpsertNode(Node(2, T0.AddSeconds(1)));   // oldest
        db.UpsertNode(Node(3, T0.AddSeconds(2)));
        db.SetLastPongReceived(Id(2), Ip(2), T0);

        db.UpsertNode(Node(3, T0.AddSeconds(9)));   // an update at the cap: nothing goes
        Assert.NotNull(db.GetNode(Id(2)));

        db.UpsertNode(Node(4, T0));                 // new: node 2 makes room, even though 4 is older still
        Assert.Null(db.GetNode(Id(2)));
        Assert.Null(db.LastPongReceived(Id(2), Ip(2)));
        Assert.NotNull(db.GetNode(Id(1)));
        Assert.NotNull(db.GetNode(Id(3)));
        Assert.NotNull(db.GetNode(Id(4)));

        db.UpsertNode(Node(5, T0.AddSeconds(10)));  // now node 4 is the oldest
        Assert.Null(db.GetNode(Id(4)));
        Assert.Equal(3, new[] { 1, 3, 5 }.Count(i => db.GetNode(Id(i)) is not null));
    }

    [Fact]
    public void A_new_proof_row_beyond_the_cap_evicts_the_stalest_row()
    {
        using var db = SqliteNodeDatabase.Open(null, new NodeDatabaseLimits { MaxProofs = 2 });
        db.SetLastPingReceived(Id(1), Ip(1), T0.AddSeconds(1));
        db.SetLastPongReceived(Id(2), Ip(2), T0.AddSeconds(2));
        db.SetLastPongReceived(Id(1), Ip(1), T0.AddSeconds(5));   // row 1 is now the fresher one

        db.SetLastPingReceived(Id(3), Ip(3), T0.AddSeconds(3));
        Assert.Null(db.LastPongReceived(Id(2), Ip(2)));
        Assert.Equal(T0.AddSeconds(5), db.LastPongReceived(Id(1), Ip(1)));
        Assert.Equal(T0.AddSeconds(3), db.LastPingReceived(Id(3), Ip(3)));
    }

    [Fact]
    public void Caps_hold_after_deletes_expiry_and_reopen()
    {
        using var dir = new TempDir();
        var limits = new NodeDatabaseLimits { MaxNodes = 5 };
        using (var db = SqliteNodeDatabase.Open(dir.Path, limits))
        {
            for (var i = 0; i < 5; i++)
                db.UpsertNode(Node(i, T0.AddSeconds(i)));
            db.DeleteNode(Id(4));
            db.UpsertNode(Node(10, T0.AddSeconds(10)));             // fills the freed slot: no eviction
            Assert.NotNull(db.GetNode(Id(0)));
        }
        using var again = SqliteNodeDatabase.Open(dir.Path, limits);
        again.UpsertNode(Node(11, T0.AddSeconds(11)));              // the count was read back: 0 goes
        Assert.Null(again.GetNode(Id(0)));
        Assert.NotNull(again.GetNode(Id(1)));
    }

    [Fact]
    public void Limits_below_one_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteNodeDatabase.Open(null, new NodeDatabaseLimits { MaxNodes = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SqliteNodeDatabase.Open(null, new NodeDatabaseLimits { MaxProofs = 0 }));
    }
}
