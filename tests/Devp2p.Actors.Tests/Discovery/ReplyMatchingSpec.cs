using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Discv4;
using Xunit.Abstractions;
using static Devp2p.Actors.Tests.Discovery.DiscoveryFixture;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>Replies count only from the node asked, of the type asked, with our request's hash, within 500 ms.</summary>
public sealed class ReplyMatchingSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private readonly InMemoryUdpNetwork _network = new();

    private IActorRef Start()
    {
        var actor = Sys.ActorOf(DiscoveryActor.Props(Settings(_network) with { RandomLookupsPerRefresh = 0 }));
        actor.Tell(GetLocalRecord.Instance);
        ExpectMsg<LocalRecord>();
        return actor;
    }

    private long Dropped(IActorRef actor, DiscoveryDrop reason)
    {
        actor.Tell(GetDiscoveryStats.Instance);
        return ExpectMsg<DiscoveryStats>().DroppedFor(reason);
    }

    [Fact]
    public void A_pong_answers_a_ping_request_with_the_enr_seq()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        actor.Tell(new PingNode(peer.Enode));
        var ping = peer.Expect<PingPacket>();
        peer.Pong(ping, ActorEndPoint, enrSeq: 7);

        var result = ExpectMsg<PingResult>();
        Assert.True(result.Success, result.Error);
        Assert.Equal(7UL, result.EnrSeq);
        Assert.True(result.RoundTrip >= TimeSpan.Zero);
    }

    [Fact]
    public void An_unsolicited_pong_is_dropped_and_counted()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.Send(ActorEndPoint, new PongPacket(peer.Endpoint, new byte[32], RawDiscv4Peer.Expiration));

        Assert.Equal(1, Dropped(actor, DiscoveryDrop.Unsolicited));
    }

    [Fact]
    public void A_pong_with_another_hash_does_not_answer_and_the_ping_times_out()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        actor.Tell(new PingNode(peer.Enode));
        peer.Expect<PingPacket>();

        peer.Send(ActorEndPoint, new PongPacket(peer.Endpoint, new byte[32], RawDiscv4Peer.Expiration));
        Assert.Equal(1, Dropped(actor, DiscoveryDrop.Unsolicited));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromMilliseconds(500));

        Assert.False(ExpectMsg<PingResult>().Success);
    }

    [Fact]
    public void A_pong_from_another_node_does_not_answer()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        using var impostor = new RawDiscv4Peer(_network, Peer(2));
        actor.Tell(new PingNode(peer.Enode));
        var ping = peer.Expect<PingPacket>();

        impostor.Pong(ping, ActorEndPoint);

        Assert.Equal(1, Dropped(actor, DiscoveryDrop.Unsolicited));
    }

    [Fact]
    public void A_pong_after_the_timeout_is_unsolicited()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        actor.Tell(new PingNode(peer.Enode));
        var ping = peer.Expect<PingPacket>();

        Advance(TimeSpan.FromMilliseconds(499));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(ExpectMsg<PingResult>().Success);
        peer.Pong(ping, ActorEndPoint);

        Assert.Equal(1, Dropped(actor, DiscoveryDrop.Unsolicited));
    }

    [Fact]
    public void Bad_and_expired_packets_are_dropped_and_counted()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.SendRaw(ActorEndPoint, new byte[200]);
        peer.SendRaw(ActorEndPoint, new byte[Discv4Constants.MaxReceivedPacketSize + 1]);
        peer.Send(ActorEndPoint, new PingPacket(peer.Endpoint, peer.Endpoint, expiration: 1_000));

        actor.Tell(GetDiscoveryStats.Instance);
        var stats = ExpectMsg<DiscoveryStats>();
        Assert.Equal(2, stats.DroppedFor(DiscoveryDrop.BadPacket));
        Assert.Equal(1, stats.DroppedFor(DiscoveryDrop.Expired));
        Assert.Equal(3, stats.PacketsReceived);
        peer.ExpectNo<PongPacket>(TimeSpan.FromMilliseconds(200));
    }
}
