using Devp2p.Actors.Events;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Server;

public sealed class ServerStopSpec(ITestOutputHelper output) : ServerSpecBase(output)
{
    [Fact]
    public void Stop_disconnects_everyone_waits_for_them_and_force_stops_stragglers_after_the_grace()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerDropped));
        var settings = TestNodes.Settings() with { DisconnectGrace = TimeSpan.FromSeconds(2) };
        StartServer(settings);
        var polite = AddPeer(1, inbound: true);
        var stubborn = AddPeer(2, inbound: false);
        var handshaking = Connect(inbound: true);
        Watch(Server);

        Server.Tell(StopServer.Instance);
        var disconnects = new[] { PeerProbe.ExpectMsg<DisconnectPeer>(), PeerProbe.ExpectMsg<DisconnectPeer>(), PeerProbe.ExpectMsg<DisconnectPeer>() };
        Assert.All(disconnects, d => Assert.Equal(DisconnectReason.Quitting, d.Reason));
        // Checkpoints during the stop are refused.
        AssertRejected(DisconnectReason.Quitting, PostHandshake(handshaking.Peer, 3, inbound: true));

        polite.Peer.Tell(new FakePeer.CloseNow(new PeerClosed(TestNodes.Id(1), DisconnectReason.Quitting, RemoteRequested: false)));
        Assert.Equal(TestNodes.Id(1), events.ExpectMsg<PeerDropped>().PeerId);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the stubborn peer still holds the stop

        Advance(TimeSpan.FromSeconds(3));
        var forced = events.ExpectMsg<PeerDropped>();
        Assert.Equal(TestNodes.Id(2), forced.PeerId);
        Assert.Equal(DisconnectReason.Quitting, forced.Reason);
        ExpectMsg<Status.Success>();
        ExpectTerminated(Server);
        Assert.True(((TrackingStream)stubborn.Setup.Stream).Disposed);
    }

    [Fact]
    public void Stop_with_no_connections_answers_at_once_and_refuses_new_ones_meanwhile()
    {
        StartServer();
        Watch(Server);
        Server.Tell(StopServer.Instance);
        ExpectMsg<Status.Success>();
        ExpectTerminated(Server);
    }

    [Fact]
    public void Connections_handed_in_during_the_stop_are_closed()
    {
        StartServer();
        AddPeer(1, inbound: true);
        Server.Tell(StopServer.Instance);
        PeerProbe.ExpectMsg<DisconnectPeer>();
        var late = new TrackingStream();
        Server.Tell(new Actors.Listener.InboundConnection(new PeerSetup(late, true, null, null, null)));
        AwaitCondition(() => late.Disposed);
        PeerProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
