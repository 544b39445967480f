using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Actors.Tests.Discovery;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Xunit.Abstractions;
using static Devp2p.Actors.Tests.Discovery.DiscoveryFixture;

namespace Devp2p.Actors.Tests.Diagnostics;

/// <summary>Every discv4 datagram is counted once, by type and outcome (accepted, sent or why it was dropped), and the table size is a gauge.</summary>
public sealed class DiscoveryMetricsSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private readonly InMemoryUdpNetwork _network = new();

    private (IActorRef Actor, string Tag) Start()
    {
        var key = Secp256k1.GeneratePrivateKey();
        var actor = Sys.ActorOf(DiscoveryActor.Props(Settings(_network, key: key) with { RandomLookupsPerRefresh = 0 }));
        actor.Tell(GetLocalRecord.Instance);
        ExpectMsg<LocalRecord>();
        return (actor, NodeMetrics.For(key).NodeTag);
    }

    private DiscoveryStats Stats(IActorRef actor)
    {
        actor.Tell(GetDiscoveryStats.Instance);
        return ExpectMsg<DiscoveryStats>();
    }

    [Fact]
    public void Received_packets_are_counted_by_type_and_outcome_and_match_the_actors_own_stats()
    {
        var key = Secp256k1.GeneratePrivateKey();
        using var metrics = new MetricsRecorder(NodeMetrics.For(key).NodeTag);
        var tag = NodeMetrics.For(key).NodeTag;
        var actor = Sys.ActorOf(DiscoveryActor.Props(Settings(_network, key: key) with { RandomLookupsPerRefresh = 0 }));
        actor.Tell(GetLocalRecord.Instance);
        ExpectMsg<LocalRecord>();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.SendRaw(ActorEndPoint, new byte[40]);                                       // too short to be a packet
        peer.Send(ActorEndPoint, new FindNodePacket(peer.Id, RawDiscv4Peer.Expiration)); // no endpoint proof yet
        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();
        var stats = Stats(actor);

        Assert.Equal(1, metrics.Sum("devp2p.discovery.packets", tag, ("direction", "received"), ("type", "unknown"), ("outcome", "bad_packet")));
        Assert.Equal(1, metrics.Sum("devp2p.discovery.packets", tag, ("direction", "received"), ("type", "findnode"), ("outcome", "no_endpoint_proof")));
        Assert.Equal(1, metrics.Sum("devp2p.discovery.packets", tag, ("direction", "received"), ("type", "ping"), ("outcome", "accepted")));
        Assert.True(metrics.Sum("devp2p.discovery.packets", tag, ("direction", "sent"), ("type", "pong"), ("outcome", "sent")) >= 1);
        Assert.Equal(stats.PacketsReceived, metrics.Sum("devp2p.discovery.packets", tag, ("direction", "received")));
        Assert.Equal(stats.PacketsSent, metrics.Sum("devp2p.discovery.packets", tag, ("direction", "sent")));
    }

    [Fact]
    public void The_table_size_gauge_follows_the_table_and_leaves_with_the_actor()
    {
        var (actor, tag) = Start();
        using var metrics = new MetricsRecorder(tag);
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Bond(ActorEndPoint);
        AwaitAssert(() => Assert.True(Stats(actor).TableSize >= 1));

        metrics.Observe();
        var size = metrics.Matching("devp2p.discovery.table.size", tag).Last().Value;
        Assert.Equal(Stats(actor).TableSize, size);

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        var before = metrics.Count("devp2p.discovery.table.size", tag);
        metrics.Observe();
        Assert.Equal(before, metrics.Count("devp2p.discovery.table.size", tag));
    }
}
