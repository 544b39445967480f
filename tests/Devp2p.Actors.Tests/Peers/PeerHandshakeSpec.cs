using Devp2p.Actors.Peers;
using Devp2p.Actors.Tests.Support;
using Devp2p.Protocol.P2p;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Peers;

/// <summary>Stages 1-4 and their rejection paths, in real time.</summary>
public sealed class PeerHandshakeSpec(ITestOutputHelper output) : PeerSpecBase(output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Both_directions_reach_running_with_the_matched_capabilities(bool inbound)
    {
        var settings = NodeSettings();
        var (_, remote) = await ConnectAsync(settings, inbound);

        var post = Parent.ExpectMsg<PostHandshake>();
        Assert.Equal(RemoteId, post.RemoteId);
        Assert.Equal(inbound, post.Inbound);
        Parent.Reply(CheckpointPassed.Instance);

        var result = await remote.ExchangeHelloAsync(new Capability("other", 3), TestCap);
        var ours = result.Remote!;
        Assert.Equal(5u, ours.ProtocolVersion);
        Assert.Equal("peer-spec", ours.ClientId);
        Assert.Equal([TestCap], ours.Capabilities);
        Assert.Equal(0UL, ours.ListenPort);
        Assert.Equal(OurId.Bytes.ToArray(), ours.NodeId);

        var add = Parent.ExpectMsg<AddPeerCheckpoint>();
        Assert.Equal(RemoteId, add.RemoteId);
        Assert.Equal(inbound, add.Inbound);
        Assert.Equal("remote-test", add.Hello.ClientId);
        Assert.Equal([new MatchedCapability("test", 1, 0x10, 4)], add.Capabilities);
        ProtocolProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // nothing runs before the checkpoint passes
        Parent.Reply(CheckpointPassed.Instance);

        var started = ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        Assert.Equal(RemoteId, started.Context.PeerId);
        Assert.Equal(inbound, started.Context.Inbound);
        Assert.Equal(new MatchedCapability("test", 1, 0x10, 4), started.Context.Capability);
        Assert.Equal("remote-test", started.Context.RemoteHello.ClientId);
    }

    [Fact]
    public async Task Post_handshake_rejection_sends_an_uncompressed_disconnect_before_any_hello()
    {
        var (_, remote) = await ConnectAsync(NodeSettings());
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(new CheckpointRejected(DisconnectReason.TooManyPeers));

        // The remote has no snappy on: a compressed payload would not decode as [0x04].
        var (code, payload) = await remote.ReadAsync();
        Assert.Equal(P2pMessageCodes.Disconnect, code);
        Assert.Equal(new byte[] { 0xc1, 0x04 }, payload);
        var closed = ExpectClosed(DisconnectReason.TooManyPeers);
        Assert.Equal(RemoteId, closed.RemoteId);
        Assert.True(await remote.SeesCloseAsync());
    }

    [Fact]
    public async Task Add_peer_rejection_sends_disconnect_after_the_hello_exchange()
    {
        var (_, remote) = await ConnectAsync(NodeSettings());
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(CheckpointPassed.Instance);
        await remote.ExchangeHelloAsync(new Capability("nothing", 1));
        var add = Parent.ExpectMsg<AddPeerCheckpoint>();
        Assert.Empty(add.Capabilities);
        Parent.Reply(new CheckpointRejected(DisconnectReason.UselessPeer));

        Assert.Equal(DisconnectReason.UselessPeer, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.UselessPeer);
        ProtocolProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_hello_with_another_node_id_is_an_unexpected_identity()
    {
        var (_, remote) = await ConnectAsync(NodeSettings());
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(CheckpointPassed.Instance);
        var impostor = Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey());
        await remote.SendAsync(P2pMessageCodes.Hello, remote.CreateHello([TestCap], impostor).Encode());

        var (code, _) = await remote.ReadAsync();
        Assert.Equal(P2pMessageCodes.Hello, code);
        Assert.Equal(DisconnectReason.UnexpectedIdentity, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.UnexpectedIdentity);
    }

    [Fact]
    public async Task A_disconnect_instead_of_hello_is_remote_requested()
    {
        var (_, remote) = await ConnectAsync(NodeSettings());
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(CheckpointPassed.Instance);
        await remote.SendAsync(P2pMessageCodes.Disconnect, [0x04]); // ethereumjs' bare form
        ExpectClosed(DisconnectReason.TooManyPeers, remoteRequested: true);
    }

    [Fact]
    public async Task Disconnect_from_the_server_while_waiting_at_a_checkpoint()
    {
        var (peer, remote) = await ConnectAsync(NodeSettings());
        Parent.ExpectMsg<PostHandshake>();
        peer.Tell(new DisconnectPeer(DisconnectReason.Quitting));
        Assert.Equal(DisconnectReason.Quitting, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.Quitting);
    }

    [Fact]
    public async Task Garbage_instead_of_an_auth_closes_without_an_identity()
    {
        var (_, tcp) = await StartPeerAsync(NodeSettings());
        var garbage = new byte[400];
        garbage.AsSpan().Fill(0xff);
        await tcp.A.WriteAsync(garbage);

        var closed = Parent.ExpectMsg<PeerClosed>();
        Assert.Null(closed.RemoteId);
        Assert.Equal(DisconnectReason.ProtocolError, closed.Reason);
        Assert.False(closed.RemoteRequested);
        Parent.ExpectMsg<ChildTerminated>();
    }

    [Fact]
    public async Task A_remote_that_hangs_up_during_the_enc_handshake_is_a_network_error()
    {
        var (_, tcp) = await StartPeerAsync(NodeSettings());
        await tcp.A.WriteAsync(new byte[] { 0x01, 0x10, 0x00 });
        tcp.A.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        var closed = Parent.ExpectMsg<PeerClosed>();
        Assert.Null(closed.RemoteId);
        Assert.Equal(DisconnectReason.NetworkError, closed.Reason);
        Parent.ExpectMsg<ChildTerminated>();
    }

    [Fact]
    public async Task Garbage_instead_of_a_hello_frame_is_a_protocol_error()
    {
        var (_, remote) = await ConnectAsync(NodeSettings());
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(CheckpointPassed.Instance);
        await remote.Stream.WriteAsync(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray());
        var closed = ExpectClosed(DisconnectReason.ProtocolError);
        Assert.Equal(RemoteId, closed.RemoteId);
    }
}
