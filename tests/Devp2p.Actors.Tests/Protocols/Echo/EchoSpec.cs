using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Tests.Peers;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Protocols.Echo;

/// <summary>echo/1 through a real PeerActor and a real RLPx remote (which speaks echo by hand).</summary>
public sealed class EchoSpec(ITestOutputHelper output) : PeerSpecBase(output)
{
    private static readonly Capability Echo = new("echo", 1);

    // echo/1 is the only shared capability, so its codes are 0x10 (request) and 0x11 (reply).
    private const ulong WireRequest = 0x10;
    private const ulong WireReply = 0x11;

    [Fact]
    public async Task A_request_is_answered_with_the_same_payload()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings(EchoProtocol.Registration), remoteCaps: Echo);
        byte[] payload = [0x84, 0xde, 0xad, 0xbe, 0xef];
        await remote.SendAsync(WireRequest, payload);
        var (code, echoed) = await remote.ReadAsync();
        Assert.Equal(WireReply, code);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task EchoSend_round_trip_answers_the_asker_and_publishes_the_reply()
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published.Ref, typeof(EchoReply));
        var (peer, remote, _) = await RunningAsync(NodeSettings(EchoProtocol.Registration), remoteCaps: Echo);
        byte[] payload = [0x83, 1, 2, 3];
        peer.Tell(new ToProtocol(EchoProtocol.Name, new EchoSend(payload)), TestActor);

        var (code, request) = await remote.ReadAsync();
        Assert.Equal(WireRequest, code);
        Assert.Equal(payload, request);
        await remote.SendAsync(WireReply, request);

        var reply = ExpectMsg<EchoReply>();
        Assert.Equal(RemoteId, reply.Peer);
        Assert.Equal(payload, reply.Payload);
        Assert.Equal(payload, published.ExpectMsg<EchoReply>().Payload);
    }

    [Fact]
    public async Task Replies_are_matched_to_askers_first_in_first_out()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings(EchoProtocol.Registration), remoteCaps: Echo);
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        peer.Tell(new ToProtocol(EchoProtocol.Name, new EchoSend(new byte[] { 0x01 })), first.Ref);
        Assert.Equal(new byte[] { 0x01 }, (await remote.ReadAsync()).Payload);
        peer.Tell(new ToProtocol(EchoProtocol.Name, new EchoSend(new byte[] { 0x02 })), second.Ref);
        Assert.Equal(new byte[] { 0x02 }, (await remote.ReadAsync()).Payload);

        await remote.SendAsync(WireReply, [0x01]);
        await remote.SendAsync(WireReply, [0x02]);
        Assert.Equal(new byte[] { 0x01 }, first.ExpectMsg<EchoReply>().Payload);
        Assert.Equal(new byte[] { 0x02 }, second.ExpectMsg<EchoReply>().Payload);
    }

    [Fact]
    public async Task A_reply_nobody_asked_for_is_a_protocol_error()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings(EchoProtocol.Registration), remoteCaps: Echo);
        await remote.SendAsync(WireReply, [0x80]);
        Assert.Equal(DisconnectReason.ProtocolError, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.ProtocolError);
    }

    [Fact]
    public async Task Two_engine_peers_echo_to_each_other()
    {
        // Both ends are PeerActors: the dialer's parent is a second probe.
        var settings = NodeSettings(EchoProtocol.Registration);
        var tcp = await Support.LoopbackTcp.ConnectAsync();
        var otherParent = CreateTestProbe();
        var otherKey = Secp256k1.GeneratePrivateKey();
        var listenerSide = Sys.ActorOf(Support.ParentProxy.Props(
            PeerActor.Props(new PeerSetup(tcp.B, true, null, null, null), settings), Parent.Ref));
        var dialerSide = Sys.ActorOf(Support.ParentProxy.Props(
            PeerActor.Props(new PeerSetup(tcp.A, false, null, null, OurId), settings with { PrivateKey = otherKey }), otherParent.Ref));

        foreach (var parent in new[] { Parent, otherParent })
        {
            parent.ExpectMsg<PostHandshake>();
            parent.Reply(CheckpointPassed.Instance);
        }
        foreach (var parent in new[] { Parent, otherParent })
        {
            Assert.Equal([new MatchedCapability("echo", 1, 0x10, 2)], parent.ExpectMsg<AddPeerCheckpoint>().Capabilities);
            parent.Reply(CheckpointPassed.Instance);
        }

        dialerSide.Tell(new ToProtocol(EchoProtocol.Name, new EchoSend(new byte[] { 0x82, 0x68, 0x69 })), TestActor);
        var fromListener = ExpectMsg<EchoReply>();
        Assert.Equal(OurId, fromListener.Peer);
        Assert.Equal(new byte[] { 0x82, 0x68, 0x69 }, fromListener.Payload);
        listenerSide.Tell(new ToProtocol(EchoProtocol.Name, new EchoSend(new byte[] { 0x80 })), TestActor);
        var fromDialer = ExpectMsg<EchoReply>();
        Assert.Equal(Protocol.Enode.NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(otherKey)), fromDialer.Peer);
        Assert.Equal(new byte[] { 0x80 }, fromDialer.Payload);

        dialerSide.Tell(new DisconnectPeer(DisconnectReason.Quitting));
        otherParent.FishForMessage<PeerClosed>(c => c.Reason == DisconnectReason.Quitting && !c.RemoteRequested);
        Parent.FishForMessage<PeerClosed>(c => c.Reason == DisconnectReason.Quitting && c.RemoteRequested);
        tcp.Dispose();
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 1)]
    [InlineData(64, 0, 64)]
    [InlineData(64, 1, 63)]
    [InlineData(64, 0, 63)]
    public void A_reply_payload_is_handed_on_without_a_copy_only_when_it_is_a_whole_array(int length, int start, int count)
    {
        var array = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var payload = new ReadOnlyMemory<byte>(array, start, count);
        var owned = EchoProtocolActor.OwnedArray(payload);
        Assert.Equal(payload.ToArray(), owned);
        Assert.Equal(start == 0 && count == length, ReferenceEquals(array, owned));
    }
}
