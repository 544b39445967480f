using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;
using static Devp2p.Actors.Tests.Discovery.DiscoveryFixture;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>What enters and leaves the table: relay checks, liveness checks, FindNode failures, seeds, expiry, dial candidates.</summary>
public sealed class TableSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly InMemoryUdpNetwork _network = new();
    private readonly InMemoryNodeDatabase _db = new();

    private DiscoverySettings Quiet() => Settings(_network, _db) with
    {
        RandomLookupsPerRefresh = 0,
        UnprovenRevalidationInterval = TimeSpan.FromDays(1), // beyond every Advance below
        ProvenRevalidationInterval = TimeSpan.FromDays(1),
    };

    private IActorRef Start(DiscoverySettings settings)
    {
        var actor = Sys.ActorOf(DiscoveryActor.Props(settings));
        actor.Tell(GetLocalRecord.Instance);
        ExpectMsg<LocalRecord>();
        return actor;
    }

    private IReadOnlyList<TableNodeInfo> Table(IActorRef actor)
    {
        actor.Tell(GetTableNodes.Instance);
        return ExpectMsg<TableNodes>().Nodes;
    }

    private static Discv4Node RandomNode(string ip, ushort port) =>
        new(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey())), IPAddress.Parse(ip), port, port);

    [Fact]
    public void Relayed_nodes_with_invalid_addresses_or_keys_are_not_added()
    {
        using var boot = new RawDiscv4Peer(_network, Peer(1));
        var actor = Start(Quiet() with { Bootnodes = [boot.Enode] });
        var ping = boot.Expect<PingPacket>();
        boot.Pong(ping, ActorEndPoint);
        boot.Ping(ActorEndPoint);
        boot.Expect<FindNodePacket>();

        var good = RandomNode("127.0.0.50", 30303);
        var badKey = new Discv4Node(NodeId.FromBytes(Enumerable.Repeat((byte)0xff, 64).ToArray()), IPAddress.Parse("127.0.0.51"), 30303, 30303);
        boot.Send(ActorEndPoint, new NeighborsPacket(
        [
            good,
            RandomNode("224.0.0.1", 30303),
            RandomNode("0.0.0.0", 30303),
            RandomNode("10.0.0.1", 80),
            badKey,
        ], RawDiscv4Peer.Expiration));
        actor.Tell(GetDiscoveryStats.Instance);
        Assert.Equal(4, ExpectMsg<DiscoveryStats>().RelayedNodesRejected);
        Advance(TimeSpan.FromMilliseconds(500));

        var ids = Table(actor).Select(n => n.Node.Id).ToArray();
        Assert.Contains(good.Id, ids);
        Assert.Contains(boot.Id, ids);
        Assert.Equal(2, ids.Length);
    }

    [Fact]
    public void A_verified_node_is_published_and_a_silent_one_is_evicted_by_the_liveness_check()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DiscoveryTableChanged));
        var actor = Start(Quiet() with { UnprovenRevalidationInterval = TimeSpan.FromSeconds(1) });
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.Bond(ActorEndPoint);
        var added = probe.ExpectMsg<DiscoveryTableChanged>();
        Assert.Equal((TableChange.Added, peer.Id), (added.Change, added.Node.Id));
        Assert.False(Table(actor).Single().Proven);

        Advance(TimeSpan.FromSeconds(1));
        peer.Expect<PingPacket>();
        Advance(TimeSpan.FromMilliseconds(500));

        var removed = probe.ExpectMsg<DiscoveryTableChanged>();
        Assert.Equal((TableChange.Removed, peer.Id), (removed.Change, removed.Node.Id));
        Assert.Empty(Table(actor));
    }

    [Fact]
    public void A_node_that_answers_the_liveness_check_becomes_proven()
    {
        var actor = Start(Quiet() with { UnprovenRevalidationInterval = TimeSpan.FromSeconds(1) });
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Bond(ActorEndPoint);
        Assert.Single(Table(actor)); // also: the actor has taken the Pong before time moves

        Advance(TimeSpan.FromSeconds(1));
        peer.Pong(peer.Expect<PingPacket>(), ActorEndPoint);

        AwaitCondition(() => Table(actor).SingleOrDefault()?.Proven == true);
    }

    [Fact]
    public void Repeated_findnode_failures_remove_the_node()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DiscoveryTableChanged));
        using var boot = new RawDiscv4Peer(_network, Peer(1));
        Start(Quiet() with { Bootnodes = [boot.Enode], RefreshInterval = TimeSpan.FromMinutes(30) });
        Assert.Equal(TableChange.Added, probe.ExpectMsg<DiscoveryTableChanged>().Change);

        for (int i = 0; i < 5; i++)
        {
            boot.Expect<PingPacket>();             // the bond before FindNode: never answered
            Advance(TimeSpan.FromMilliseconds(500));
            if (i < 4)
            {
                probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
                Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(500));
            }
        }

        var removed = probe.ExpectMsg<DiscoveryTableChanged>();
        Assert.Equal((TableChange.Removed, boot.Id), (removed.Change, removed.Node.Id));
        Assert.Equal(5, _db.FindFails(boot.Id, boot.EndPoint.Address));
    }

    [Fact]
    public void The_table_is_seeded_from_database_nodes_seen_in_the_last_five_days()
    {
        var fresh = RandomNode("127.0.0.20", 30303);
        var stale = RandomNode("127.0.0.21", 30303);
        foreach (var (node, age) in new[] { (fresh, TimeSpan.FromDays(4)), (stale, TimeSpan.FromDays(6)) })
        {
            _db.UpsertNode(new StoredNode(node.Id, node.Address!, node.UdpPort, node.TcpPort, null, Epoch - age));
            _db.SetLastPongReceived(node.Id, node.Address!, Epoch - age);
        }

        var actor = Start(Quiet());

        var ids = Table(actor).Select(n => n.Node.Id).ToArray();
        Assert.Equal([fresh.Id], ids);
    }

    [Fact]
    public void Database_nodes_not_seen_for_a_day_are_expired_hourly()
    {
        var old = RandomNode("127.0.0.20", 30303);
        var recent = RandomNode("127.0.0.21", 30303);
        _db.UpsertNode(new StoredNode(old.Id, old.Address!, 30303, 30303, null, Epoch - TimeSpan.FromMinutes(23 * 60 + 30)));
        _db.UpsertNode(new StoredNode(recent.Id, recent.Address!, 30303, 30303, null, Epoch));
        var actor = Start(Quiet());

        Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(_db.GetNode(old.Id));
        Advance(TimeSpan.FromMinutes(1));

        AwaitCondition(() => _db.GetNode(old.Id) is null);
        Assert.NotNull(_db.GetNode(recent.Id));
    }

    [Fact]
    public void Dial_candidates_come_from_the_table_with_their_tcp_port()
    {
        var actor = Start(Quiet());
        using var peer = new RawDiscv4Peer(_network, Peer(1), tcpPort: 30399);
        peer.Bond(ActorEndPoint);

        actor.Tell(new GetDialCandidates(5));

        var candidates = ExpectMsg<DialCandidates>().Nodes;
        var only = Assert.Single(candidates);
        Assert.Equal(peer.Id, only.Id);
        Assert.Equal(30399, only.TcpPort);
        Assert.Equal(peer.EndPoint.Port, only.UdpPort);
    }

    [Fact]
    public void Local_record_seq_is_kept_across_restarts_and_bumped_when_the_endpoint_changes()
    {
        var key = Secp256k1.GeneratePrivateKey();
        var actor = Start(Settings(_network, _db, key));
        actor.Tell(GetLocalRecord.Instance);
        var first = ExpectMsg<LocalRecord>();
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        var again = Start(Settings(_network, _db, key));
        again.Tell(GetLocalRecord.Instance);
        Assert.Equal(first, ExpectMsg<LocalRecord>());
        Watch(again);
        Sys.Stop(again);
        ExpectTerminated(again);

        var moved = Start(Settings(_network, _db, key) with { TcpPort = 30400 });
        moved.Tell(GetLocalRecord.Instance);
        var third = ExpectMsg<LocalRecord>();
        Assert.Equal(first.Seq + 1, third.Seq);
        Assert.Equal(30400, Enr.Parse(third.Enr).Tcp);
    }
}
