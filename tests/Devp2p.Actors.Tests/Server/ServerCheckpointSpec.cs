using Devp2p.Actors.Events;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Server;

public sealed class ServerCheckpointSpec(ITestOutputHelper output) : ServerSpecBase(output)
{
    [Fact]
    public void A_peer_that_passes_both_checkpoints_is_added_and_announced()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));
        StartServer();
        var started = AddPeer(1, inbound: true);

        var added = events.ExpectMsg<PeerAdded>();
        Assert.Equal(TestNodes.Id(1), added.PeerId);
        Assert.Equal("client-1", added.Peer.ClientId);
        Assert.True(added.Peer.Inbound);
        Assert.False(added.Peer.Trusted);
        Assert.Equal(started.Setup.RemoteEndPoint, added.Peer.RemoteAddress);
        Assert.Equal([new MatchedCapability("echo", 1, 16, 2)], added.Peer.Matched);
        Assert.Equal(TestNodes.Id(1), Assert.Single(CurrentPeers()).Id);
    }

    [Fact]
    public void Refuses_self_after_the_enc_handshake()
    {
        StartServer();
        var started = Connect(inbound: false, TestNodes.Id(0));
        AssertRejected(DisconnectReason.Self, PostHandshake(started.Peer, 0, inbound: false));
    }

    [Fact]
    public void Refuses_a_node_that_is_already_a_peer()
    {
        StartServer();
        AddPeer(1, inbound: false);
        var again = Connect(inbound: true);
        AssertRejected(DisconnectReason.AlreadyConnected, PostHandshake(again.Peer, 1, inbound: true));
    }

    [Fact]
    public void Refuses_past_max_peers_unless_trusted()
    {
        StartServer(TestNodes.Settings() with { MaxPeers = 1 });
        AddPeer(1, inbound: true);
        var second = Connect(inbound: true);
        AssertRejected(DisconnectReason.TooManyPeers, PostHandshake(second.Peer, 2, inbound: true));

        Server.Tell(new AddTrustedPeer(TestNodes.Enode(2)));
        ExpectMsg<Status.Success>();
        var trusted = Connect(inbound: true);
        Assert.IsType<CheckpointPassed>(PostHandshake(trusted.Peer, 2, inbound: true));
        Assert.IsType<CheckpointPassed>(AddPeerCheckpoint(trusted.Peer, 2, inbound: true));
        Assert.True(CurrentPeers().Single(p => p.Id == TestNodes.Id(2)).Trusted);
    }

    [Fact]
    public void Refuses_inbound_past_the_inbound_share_but_admits_a_dialed_peer()
    {
        // MaxPeers 3, DialRatio 3: one dialed slot, two inbound.
        StartServer(DialingSettings(maxPeers: 3), WithConnector(new FakeConnector()));
        AddPeer(1, inbound: true);
        AddPeer(2, inbound: true);
        var third = Connect(inbound: true);
        AssertRejected(DisconnectReason.TooManyPeers, PostHandshake(third.Peer, 3, inbound: true));
        var dialed = Connect(inbound: false, TestNodes.Id(4));
        Assert.IsType<CheckpointPassed>(PostHandshake(dialed.Peer, 4, inbound: false));
    }

    [Fact]
    public void Refuses_a_useless_peer_when_protocols_are_configured()
    {
        StartServer(TestNodes.Settings() with { Protocols = [new ProtocolRegistration("echo", 1, 2, _ => throw new NotSupportedException())] });
        var started = Connect(inbound: true);
        Assert.IsType<CheckpointPassed>(PostHandshake(started.Peer, 1, inbound: true));
        AssertRejected(DisconnectReason.UselessPeer, AddPeerCheckpoint(started.Peer, 1, inbound: true, matched: false));
        Assert.Empty(CurrentPeers());
    }

    [Fact]
    public void The_add_peer_checkpoint_checks_the_limits_again()
    {
        StartServer(TestNodes.Settings() with { MaxPeers = 1 });
        var first = Connect(inbound: true);
        var second = Connect(inbound: true);
        Assert.IsType<CheckpointPassed>(PostHandshake(first.Peer, 1, inbound: true));
        Assert.IsType<CheckpointPassed>(PostHandshake(second.Peer, 2, inbound: true));
        Assert.IsType<CheckpointPassed>(AddPeerCheckpoint(first.Peer, 1, inbound: true));
        AssertRejected(DisconnectReason.TooManyPeers, AddPeerCheckpoint(second.Peer, 2, inbound: true));
    }

    [Fact]
    public void Two_connections_of_one_node_racing_to_add_admit_only_the_first()
    {
        StartServer();
        var first = Connect(inbound: true);
        var second = Connect(inbound: false, TestNodes.Id(1));
        Assert.IsType<CheckpointPassed>(PostHandshake(first.Peer, 1, inbound: true));
        Assert.IsType<CheckpointPassed>(PostHandshake(second.Peer, 1, inbound: false));
        Assert.IsType<CheckpointPassed>(AddPeerCheckpoint(second.Peer, 1, inbound: false));
        AssertRejected(DisconnectReason.AlreadyConnected, AddPeerCheckpoint(first.Peer, 1, inbound: true));
    }

    [Fact]
    public void A_closed_peer_frees_its_slot()
    {
        StartServer(TestNodes.Settings() with { MaxPeers = 1 });
        var first = AddPeer(1, inbound: true);
        first.Peer.Tell(new FakePeer.CloseNow(new PeerClosed(TestNodes.Id(1), DisconnectReason.Requested, RemoteRequested: true)));
        AwaitAssert(() => Assert.Empty(CurrentPeers()));
        AddPeer(2, inbound: true);
    }
}
