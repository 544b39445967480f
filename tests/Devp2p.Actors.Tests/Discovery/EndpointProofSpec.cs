using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;
using static Devp2p.Actors.Tests.Discovery.DiscoveryFixture;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>FindNode and ENRRequest are answered only for senders that answered our Ping recently; unknown pingers are checked back.</summary>
public sealed class EndpointProofSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private readonly InMemoryUdpNetwork _network = new();

    private IActorRef Start(DiscoverySettings settings)
    {
        var actor = Sys.ActorOf(DiscoveryActor.Props(settings with { RandomLookupsPerRefresh = 0 }));
        actor.Tell(GetLocalRecord.Instance);
        ExpectMsg<LocalRecord>();
        return actor;
    }

    [Fact]
    public void Ping_from_an_unknown_sender_gets_a_pong_and_a_ping_back()
    {
        var actor = Start(Settings(_network));
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        actor.Tell(GetLocalRecord.Instance);
        var record = ExpectMsg<LocalRecord>();

        var hash = peer.Ping(ActorEndPoint);

        var pong = (PongPacket)peer.Expect<PongPacket>().Packet;
        Assert.Equal(hash, pong.PingHash.ToArray());
        Assert.Equal(record.Seq, pong.EnrSeq);
        Assert.Equal(peer.EndPoint.Address, pong.To.Address);
        var ping = (PingPacket)peer.Expect<PingPacket>().Packet;
        Assert.Equal(ActorEndPoint.Port, ping.From.UdpPort);
        Assert.Equal(record.Seq, ping.EnrSeq);
    }

    [Fact]
    public void Ping_from_a_proven_sender_is_not_checked_again()
    {
        Start(Settings(_network));
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Bond(ActorEndPoint);

        peer.Ping(ActorEndPoint);

        peer.Expect<PongPacket>();
        peer.ExpectNo<PingPacket>(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void FindNode_from_an_unproven_sender_is_dropped_and_counted()
    {
        var actor = Start(Settings(_network));
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.Send(ActorEndPoint, new FindNodePacket(peer.Id, RawDiscv4Peer.Expiration));

        peer.ExpectNo<NeighborsPacket>(TimeSpan.FromMilliseconds(300));
        actor.Tell(GetDiscoveryStats.Instance);
        Assert.Equal(1, ExpectMsg<DiscoveryStats>().DroppedFor(DiscoveryDrop.NoEndpointProof));
    }

    [Fact]
    public void FindNode_after_the_proof_is_answered_with_the_closest_nodes()
    {
        Start(Settings(_network));
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        using var other = new RawDiscv4Peer(_network, Peer(2));
        other.Bond(ActorEndPoint);
        peer.Bond(ActorEndPoint);

        peer.Send(ActorEndPoint, new FindNodePacket(other.Id, RawDiscv4Peer.Expiration));

        var neighbors = (NeighborsPacket)peer.Expect<NeighborsPacket>().Packet;
        Assert.Equal(other.Id, neighbors.Nodes[0].Id);
        Assert.Contains(neighbors.Nodes, n => n.Id.Equals(peer.Id));
    }

    [Fact]
    public void EnrRequest_is_answered_with_our_record_only_after_the_proof()
    {
        var actor = Start(Settings(_network));
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Send(ActorEndPoint, new EnrRequestPacket(RawDiscv4Peer.Expiration));
        peer.ExpectNo<EnrResponsePacket>(TimeSpan.FromMilliseconds(300));

        peer.Bond(ActorEndPoint);
        var hash = peer.Send(ActorEndPoint, new EnrRequestPacket(RawDiscv4Peer.Expiration));

        var response = (EnrResponsePacket)peer.Expect<EnrResponsePacket>().Packet;
        Assert.Equal(hash, response.RequestHash.ToArray());
        actor.Tell(GetLocalRecord.Instance);
        var local = ExpectMsg<LocalRecord>();
        var record = Enr.Decode(response.Record.Span);
        Assert.Equal(local.Enr, record.ToText());
        Assert.Equal(ActorEndPoint.Address, record.Ip);
        Assert.Equal(30303, record.Udp);
        Assert.Equal(30303, record.Tcp);
    }

    [Fact]
    public void The_proof_lapses_after_its_lifetime()
    {
        var settings = Settings(_network) with
        {
            EndpointProofLifetime = TimeSpan.FromMinutes(1),
            UnprovenRevalidationInterval = TimeSpan.FromHours(1),
            ProvenRevalidationInterval = TimeSpan.FromHours(1),
        };
        var actor = Start(settings);
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Bond(ActorEndPoint);
        actor.Tell(GetDiscoveryStats.Instance);
        ExpectMsg<DiscoveryStats>(); // the actor has taken the peer's Pong before time moves

        Advance(TimeSpan.FromMinutes(2));
        peer.Send(ActorEndPoint, new FindNodePacket(peer.Id, RawDiscv4Peer.Expiration));

        peer.ExpectNo<NeighborsPacket>(TimeSpan.FromMilliseconds(300));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void FindNode_to_a_node_that_pinged_us_pings_it_first_only_after_more_than_the_allowed_failures(int fails, bool pingsFirst)
    {
        // geth's ensureBond: a node that pinged us holds our proof, unless its FindNodes keep failing
        // (it lost the proof: our Pong to its check came too late); then we ping again so it checks us back.
        var db = new InMemoryNodeDatabase();
        var settings = Settings(_network, db) with { MaxFindNodeFailures = 5 };
        var actor = Start(settings);
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Bond(ActorEndPoint);
        actor.Tell(GetDiscoveryStats.Instance);
        ExpectMsg<DiscoveryStats>(); // the actor has taken the peer's Pong
        db.SetFindFails(peer.Id, peer.EndPoint.Address, fails);

        actor.Tell(new LookupNodes(peer.Id));

        if (pingsFirst)
        {
            var ping = peer.Expect<PingPacket>();
            peer.Pong(ping, ActorEndPoint);
            // ...and asks only after the peer has checked it back (its old Ping does not count).
            peer.ExpectNo<FindNodePacket>(TimeSpan.FromMilliseconds(300));
            peer.Ping(ActorEndPoint);
            peer.Expect<PongPacket>();
        }
        else
        {
            peer.ExpectNo<PingPacket>(TimeSpan.FromMilliseconds(300));
        }
        var find = (FindNodePacket)peer.Expect<FindNodePacket>().Packet;
        Assert.Equal(peer.Id, find.Target);
    }

    [Fact]
    public void Lookups_asking_the_same_unbonded_node_at_once_share_one_ping()
    {
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        // The start's self lookup asks the bootnode; a user's lookup asks it again while that bond is out.
        var actor = Start(Settings(_network) with { Bootnodes = [peer.Enode] });
        actor.Tell(new LookupNodes(peer.Id));

        var ping = peer.Expect<PingPacket>();
        peer.ExpectNo<PingPacket>(TimeSpan.FromMilliseconds(300));
        peer.Pong(ping, ActorEndPoint);
        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();

        // Both lookups ask, each once, after the one bond; the Ping of the peer needs no check back.
        var targets = new[] { peer.Expect<FindNodePacket>(), peer.Expect<FindNodePacket>() }
            .Select(p => ((FindNodePacket)p.Packet).Target).ToArray();
        Assert.Contains(peer.Id, targets);
        peer.ExpectNo<PingPacket>(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_ping_from_a_node_we_are_already_pinging_is_not_checked_back_twice()
    {
        var actor = Start(Settings(_network));
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        actor.Tell(new PingNode(peer.Enode));
        var ours = peer.Expect<PingPacket>();

        peer.Ping(ActorEndPoint);

        peer.Expect<PongPacket>();
        peer.ExpectNo<PingPacket>(TimeSpan.FromMilliseconds(300));
        // Our Ping's Pong is the proof: FindNode from the peer is answered after it.
        peer.Pong(ours, ActorEndPoint);
        Assert.True(ExpectMsg<PingResult>().Success);
        peer.Send(ActorEndPoint, new FindNodePacket(peer.Id, RawDiscv4Peer.Expiration));
        peer.Expect<NeighborsPacket>();
    }
}
