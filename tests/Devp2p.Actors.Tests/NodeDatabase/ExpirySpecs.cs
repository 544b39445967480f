using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>ExpireNodes drops what has not been seen since the cutoff, with its proof data, and nothing else.</summary>
public sealed class ExpirySpecs
{
    private static readonly DateTimeOffset Cutoff = T0.AddHours(24);

    [Fact]
    public void Nodes_seen_before_the_cutoff_go_with_their_proofs()
    {
        using var db = SqliteNodeDatabase.Open(null);
        db.UpsertNode(Node(1, T0));                         // stale
        db.SetLastPongReceived(Id(1), Ip(1), T0);
        db.SetLastPingReceived(Id(1), Ip(1), T0);
        db.SetFindFails(Id(1), Ip(1), 2);
        db.UpsertNode(Node(2, Cutoff));                     // seen exactly at the cutoff: kept
        db.UpsertNode(Node(3, Cutoff.AddHours(1)));         // fresh

        Assert.Equal(1, db.ExpireNodes(Cutoff));

        Assert.Null(db.GetNode(Id(1)));
        Assert.Null(db.LastPongReceived(Id(1), Ip(1)));
        Assert.Null(db.LastPingReceived(Id(1), Ip(1)));
        Assert.Equal(0, db.FindFails(Id(1), Ip(1)));
        Assert.NotNull(db.GetNode(Id(2)));
        Assert.NotNull(db.GetNode(Id(3)));
        Assert.Equal(0, db.ExpireNodes(Cutoff));
    }

    [Fact]
    public void A_recent_pong_from_any_address_keeps_an_old_node()
    {
        using var db = SqliteNodeDatabase.Open(null);
        db.UpsertNode(Node(1, T0));
        db.SetLastPongReceived(Id(1), System.Net.IPAddress.Parse("192.0.2.9"), Cutoff.AddMinutes(1));

        Assert.Equal(0, db.ExpireNodes(Cutoff));
        Assert.NotNull(db.GetNode(Id(1)));
        Assert.Equal(Cutoff.AddMinutes(1), db.LastPongReceived(Id(1), System.Net.IPAddress.Parse("192.0.2.9")));
    }

    [Fact]
    public void Stale_proof_rows_go_even_when_their_node_stays_or_was_never_stored()
    {
        using var db = SqliteNodeDatabase.Open(null);
        db.UpsertNode(Node(1, Cutoff.AddHours(1)));
        db.SetLastPongReceived(Id(1), Ip(1), T0);                       // old proof of a fresh node
        db.SetLastPingReceived(Id(5), Ip(5), T0);                       // old ping from a node never stored
        db.SetFindFails(Id(6), Ip(6), 1);                               // a fail count with no ping or pong
        db.SetLastPingReceived(Id(7), Ip(7), Cutoff.AddSeconds(1));     // recent ping: kept

        Assert.Equal(0, db.ExpireNodes(Cutoff));

        Assert.NotNull(db.GetNode(Id(1)));
        Assert.Null(db.LastPongReceived(Id(1), Ip(1)));
        Assert.Null(db.LastPingReceived(Id(5), Ip(5)));
        Assert.Equal(0, db.FindFails(Id(6), Ip(6)));
        Assert.Equal(Cutoff.AddSeconds(1), db.LastPingReceived(Id(7), Ip(7)));
    }

    [Fact]
    public void Expiry_on_a_file_survives_reopening()
    {
        using var dir = new TempDir();
        using (var db = SqliteNodeDatabase.Open(dir.Path))
        {
            for (var i = 0; i < 10; i++)
                db.UpsertNode(Node(i, i < 4 ? T0 : Cutoff.AddHours(1)));
            Assert.Equal(4, db.ExpireNodes(Cutoff));
        }
        using var again = SqliteNodeDatabase.Open(dir.Path);
        for (var i = 0; i < 10; i++)
            Assert.Equal(i >= 4, again.GetNode(Id(i)) is not null);
    }
}
