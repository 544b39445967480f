using Devp2p.Actors.Events;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Server;

public sealed class ServerEventsSpec(ITestOutputHelper output) : ServerSpecBase(output)
{
    /// <summary>On PeerDropped, asks the server for its peers at once and reports both to the probe.</summary>
    private sealed class AskOnDrop : ReceiveActor
    {
        public AskOnDrop(IActorRef server, IActorRef probe)
        {
            Receive<PeerDropped>(d =>
            {
                probe.Tell(d);
                server.Tell(Actors.Server.GetPeers.Instance, Self);
            });
            ReceiveAny(m => probe.Tell(m));
        }
    }

    [Fact]
    public void PeerDropped_comes_after_the_peer_left_the_set()
    {
        StartServer();
        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new AskOnDrop(Server, probe.Ref)));
        Sys.EventStream.Subscribe(watcher, typeof(PeerDropped));
        var a = AddPeer(1, inbound: true);
        AddPeer(2, inbound: false);

        a.Peer.Tell(new FakePeer.CloseNow(new PeerClosed(TestNodes.Id(1), DisconnectReason.UselessPeer, RemoteRequested: true, "bye")));

        var dropped = probe.ExpectMsg<PeerDropped>();
        Assert.Equal(new PeerDropped(TestNodes.Id(1), "client-1", DisconnectReason.UselessPeer, true, "bye"), dropped);
        var peers = probe.ExpectMsg<IReadOnlyList<PeerInfo>>();
        Assert.Equal([TestNodes.Id(2)], peers.Select(p => p.Id));
    }

    [Fact]
    public void Added_then_dropped_in_order_and_nothing_for_a_connection_that_was_never_added()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));
        StartServer();
        var early = Connect(inbound: true);
        Assert.IsType<CheckpointPassed>(PostHandshake(early.Peer, 3, inbound: true));
        early.Peer.Tell(new FakePeer.CloseNow(new PeerClosed(TestNodes.Id(3), DisconnectReason.TooManyPeers, RemoteRequested: true)));

        var peer = AddPeer(1, inbound: false);
        peer.Peer.Tell(new FakePeer.CloseNow(new PeerClosed(TestNodes.Id(1), DisconnectReason.ReadTimeout, RemoteRequested: false)));

        Assert.Equal(TestNodes.Id(1), events.ExpectMsg<PeerAdded>().PeerId);
        var dropped = events.ExpectMsg<PeerDropped>();
        Assert.Equal(DisconnectReason.ReadTimeout, dropped.Reason);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_crashing_peer_actor_is_dropped_with_a_reason_and_its_slot_and_stream_are_freed()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerDropped));
        StartServer(TestNodes.Settings() with { MaxPeers = 1 });
        var crashing = AddPeer(1, inbound: true);

        crashing.Peer.Tell(new FakePeer.Crash());

        var dropped = events.ExpectMsg<PeerDropped>();
        Assert.Equal(TestNodes.Id(1), dropped.PeerId);
        Assert.Equal(DisconnectReason.NetworkError, dropped.Reason);
        Assert.False(dropped.RemoteRequested);
        Assert.NotNull(dropped.Detail);
        Assert.True(((TrackingStream)crashing.Setup.Stream).Disposed);
        AddPeer(2, inbound: true);
    }

    [Fact]
    public void Protocol_info_updates_show_in_get_peers()
    {
        StartServer();
        var peer = AddPeer(1, inbound: true);
        peer.Peer.Tell(new FakePeer.ToServer(new PeerProtocolInfo(TestNodes.Id(1), "echo", "v1 ready")));
        AwaitAssert(() => Assert.Equal("v1 ready", Assert.Single(CurrentPeers()).Protocols["echo"]));
    }
}
