using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Discovery;

public sealed class InMemoryNodeDatabaseTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Ip = IPAddress.Parse("10.1.2.3");

    private static NodeId NewId() => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey()));

    [Fact]
    public void Seeds_are_nodes_with_a_pong_newer_than_the_max_age()
    {
        using var db = new InMemoryNodeDatabase(new Random(1));
        var fresh = NewId();
        var old = NewId();
        var never = NewId();
        foreach (var id in new[] { fresh, old, never })
            db.UpsertNode(new StoredNode(id, Ip, 30303, 30303, null, Now));
        db.SetLastPongReceived(fresh, Ip, Now - TimeSpan.FromDays(1));
        db.SetLastPongReceived(old, Ip, Now - TimeSpan.FromDays(6));

        var seeds = db.QuerySeeds(10, TimeSpan.FromDays(5), Now);

        Assert.Equal([fresh], seeds.Select(s => s.Id));
        Assert.Empty(db.QuerySeeds(0, TimeSpan.FromDays(5), Now));
    }

    [Fact]
    public void Proofs_are_per_ip_and_expiry_deletes_nodes_with_their_proofs()
    {
        using var db = new InMemoryNodeDatabase();
        var id = NewId();
        db.UpsertNode(new StoredNode(id, Ip, 30303, 30303, null, Now - TimeSpan.FromHours(25)));
        db.SetLastPingReceived(id, Ip, Now);
        db.SetFindFails(id, Ip, 3);

        Assert.Null(db.LastPingReceived(id, IPAddress.Parse("10.1.2.4")));
        Assert.Equal(Now, db.LastPingReceived(id, Ip.MapToIPv6()));
        Assert.Equal(1, db.ExpireNodes(Now - TimeSpan.FromHours(24)));
        Assert.Null(db.GetNode(id));
        Assert.Null(db.LastPingReceived(id, Ip));
        Assert.Equal(0, db.FindFails(id, Ip));
    }

    [Fact]
    public void Local_seq_is_kept_per_id()
    {
        using var db = new InMemoryNodeDatabase();
        var id = NewId();
        Assert.Equal(0UL, db.LocalSeq(id));
        db.SetLocalSeq(id, 7);
        Assert.Equal(7UL, db.LocalSeq(id));
        Assert.Equal(0UL, db.LocalSeq(NewId()));
    }
}
