using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>Every INodeDatabase member stores and returns what it was given, in memory and on file alike.</summary>
public sealed class RoundTripSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private SqliteNodeDatabase Open(bool onFile) => SqliteNodeDatabase.Open(onFile ? _dir.Path : null);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Node_round_trips_and_is_replaced_by_upsert(bool onFile)
    {
        using var db = Open(onFile);
        Assert.Null(db.GetNode(Id(1)));

        var node = Node(1, T0, SampleEnr);
        db.UpsertNode(node);
        Assert.Equal(node, db.GetNode(Id(1)));

        var moved = new StoredNode(Id(1), IPAddress.Parse("2001:db8::7"), 1, 65535, null, T0.AddMinutes(5));
        db.UpsertNode(moved);
        Assert.Equal(moved, db.GetNode(Id(1)));
        Assert.Null(db.GetNode(Id(2)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Delete_removes_the_node_and_its_proofs_only(bool onFile)
    {
        using var db = Open(onFile);
        db.UpsertNode(Node(1, T0));
        db.UpsertNode(Node(2, T0));
        db.SetLastPongReceived(Id(1), Ip(1), T0);
        db.SetLastPingReceived(Id(1), Ip(1), T0);
        db.SetFindFails(Id(1), Ip(1), 3);
        db.SetLastPongReceived(Id(2), Ip(2), T0);

        db.DeleteNode(Id(1));

        Assert.Null(db.GetNode(Id(1)));
        Assert.Null(db.LastPongReceived(Id(1), Ip(1)));
        Assert.Null(db.LastPingReceived(Id(1), Ip(1)));
        Assert.Equal(0, db.FindFails(Id(1), Ip(1)));
        Assert.NotNull(db.GetNode(Id(2)));
        Assert.Equal(T0, db.LastPongReceived(Id(2), Ip(2)));
        db.DeleteNode(Id(99)); // absent: no error
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Proof_fields_are_independent_and_keyed_by_id_and_ip(bool onFile)
    {
        using var db = Open(onFile);
        var other = IPAddress.Parse("192.0.2.1");
        Assert.Null(db.LastPingReceived(Id(1), Ip(1)));
        Assert.Null(db.LastPongReceived(Id(1), Ip(1)));
        Assert.Equal(0, db.FindFails(Id(1), Ip(1)));

        db.SetLastPingReceived(Id(1), Ip(1), T0.AddSeconds(1));
        Assert.Equal(T0.AddSeconds(1), db.LastPingReceived(Id(1), Ip(1)));
        Assert.Null(db.LastPongReceived(Id(1), Ip(1)));

        db.SetLastPongReceived(Id(1), Ip(1), T0.AddSeconds(2));
        db.SetFindFails(Id(1), Ip(1), 4);
        Assert.Equal(T0.AddSeconds(1), db.LastPingReceived(Id(1), Ip(1)));
        Assert.Equal(T0.AddSeconds(2), db.LastPongReceived(Id(1), Ip(1)));
        Assert.Equal(4, db.FindFails(Id(1), Ip(1)));

        // Another address of the same node, and the same address of another node, are separate proofs.
        Assert.Null(db.LastPongReceived(Id(1), other));
        Assert.Equal(0, db.FindFails(Id(1), other));
        Assert.Null(db.LastPongReceived(Id(2), Ip(1)));

        // Setting again overwrites (times may go back; the caller's clock is the truth).
        db.SetLastPongReceived(Id(1), Ip(1), T0);
        db.SetFindFails(Id(1), Ip(1), 0);
        Assert.Equal(T0, db.LastPongReceived(Id(1), Ip(1)));
        Assert.Equal(0, db.FindFails(Id(1), Ip(1)));
    }

    [Fact]
    public void Ipv4_mapped_ipv6_is_the_same_proof_as_plain_ipv4()
    {
        using var db = Open(false);
        db.SetLastPongReceived(Id(1), IPAddress.Parse("::ffff:10.0.0.1"), T0);
        Assert.Equal(T0, db.LastPongReceived(Id(1), IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void Times_are_kept_to_the_millisecond_as_utc()
    {
        using var db = Open(false);
        var local = new DateTimeOffset(2026, 11, 22, 5, 6, 7, 891, TimeSpan.FromHours(2)).AddTicks(1234);
        db.SetLastPingReceived(Id(1), Ip(1), local);
        var back = db.LastPingReceived(Id(1), Ip(1))!.Value;
        Assert.Equal(TimeSpan.Zero, back.Offset);
        Assert.Equal(local.ToUnixTimeMilliseconds(), back.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Local_seq_round_trips_per_local_id_over_the_whole_ulong_range(bool onFile)
    {
        using var db = Open(onFile);
        Assert.Equal(0UL, db.LocalSeq(Id(1)));
        db.SetLocalSeq(Id(1), 7);
        db.SetLocalSeq(Id(2), ulong.MaxValue);
        Assert.Equal(7UL, db.LocalSeq(Id(1)));
        Assert.Equal(ulong.MaxValue, db.LocalSeq(Id(2)));
        db.SetLocalSeq(Id(1), 8);
        Assert.Equal(8UL, db.LocalSeq(Id(1)));
    }

    [Fact]
    public void Bad_arguments_are_refused_before_touching_the_file()
    {
        using var db = Open(false);
        Assert.Throws<ArgumentOutOfRangeException>(() => db.UpsertNode(Node(1, T0) with { UdpPort = 70000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.UpsertNode(Node(1, T0) with { TcpPort = -1 }));
        Assert.Throws<ArgumentException>(() => db.UpsertNode(Node(1, T0, "enr:" + new string('a', 600))));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.SetFindFails(Id(1), Ip(1), -1));
        Assert.Null(db.GetNode(Id(1)));
    }

    [Fact]
    public void Use_after_dispose_throws_and_dispose_twice_is_harmless()
    {
        var db = Open(true);
        db.Dispose();
        db.Dispose();
        Assert.Throws<ObjectDisposedException>(() => db.GetNode(Id(1)));
        Assert.Throws<ObjectDisposedException>(() => db.UpsertNode(Node(1, T0)));
    }
}
