using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Peers;

/// <summary>
/// Drives one PeerActor under a <see cref="ParentProxy"/> whose messages go to <see cref="Parent"/>,
/// against a real RLPx remote over loopback TCP. The node runs "test/1" (length 4, protocol actors
/// report to <see cref="ProtocolProbe"/>) unless a test passes its own registrations.
/// </summary>
public abstract class PeerSpecBase : TestKit, IAsyncLifetime
{
    protected static readonly Capability TestCap = new("test", 1);

    private readonly List<IDisposable> _sockets = [];
    private readonly List<RemotePeer> _remotes = [];

    protected PeerSpecBase(ITestOutputHelper output, bool useVirtualTime = false) : base(output, useVirtualTime)
    {
        Parent = CreateTestProbe("parent");
        ProtocolProbe = CreateTestProbe("protocols");
    }

    protected byte[] OurKey { get; } = Secp256k1.GeneratePrivateKey();

    protected NodeId OurId => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(OurKey));

    protected byte[] RemoteKey { get; } = Secp256k1.GeneratePrivateKey();

    protected NodeId RemoteId => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(RemoteKey));

    /// <summary>Set by a test before connecting to make a non-reading remote stall our writer quickly.</summary>
    protected int? SocketBufferSize { get; set; }

    /// <summary>Stands for the ServerActor.</summary>
    protected TestProbe Parent { get; }

    protected TestProbe ProtocolProbe { get; }

    protected ServerSettings NodeSettings(params ProtocolRegistration[] protocols) => new()
    {
        PrivateKey = OurKey,
        ListenEndPoint = null,
        ClientId = "peer-spec",
        Protocols = protocols.Length > 0 ? protocols : [TestProtocol.Registration("test", 1, 4, ProtocolProbe.Ref)],
        DisconnectGrace = TimeSpan.FromSeconds(1),
    };

    /// <summary>Starts the PeerActor and completes the enc handshake from the remote side.</summary>
    protected async Task<(IActorRef Peer, RemotePeer Remote)> ConnectAsync(ServerSettings settings, bool inbound = true)
    {
        var (peer, tcp) = await StartPeerAsync(settings, inbound, SocketBufferSize);
        var remote = inbound
            ? await RemotePeer.DialAsync(tcp.A, RemoteKey, OurId)
            : await RemotePeer.AcceptAsync(tcp.B, RemoteKey);
        _remotes.Add(remote);
        return (peer, remote);
    }

    /// <summary>Starts the PeerActor on one end of a fresh loopback pair; the other end is the test's.</summary>
    protected async Task<(IActorRef Peer, LoopbackTcp Tcp)> StartPeerAsync(ServerSettings settings, bool inbound = true, int? bufferSize = null)
    {
        var tcp = await LoopbackTcp.ConnectAsync(bufferSize);
        _sockets.Add(tcp);
        var setup = inbound
            ? new PeerSetup(tcp.B, true, tcp.AEndPoint, tcp.BEndPoint, null)
            : new PeerSetup(tcp.A, false, tcp.BEndPoint, tcp.AEndPoint, RemoteId);
        var peer = Sys.ActorOf(ParentProxy.Props(PeerActor.Props(setup, settings), Parent.Ref));
        return (peer, tcp);
    }

    /// <summary>Through both checkpoints and the Hello exchange: the peer is running.</summary>
    protected async Task<(IActorRef Peer, RemotePeer Remote, Hello OurHello)> RunningAsync(ServerSettings settings, bool inbound = true, params Capability[] remoteCaps)
    {
        var (peer, remote) = await ConnectAsync(settings, inbound);
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(CheckpointPassed.Instance);
        var result = await remote.ExchangeHelloAsync(remoteCaps.Length > 0 ? remoteCaps : [TestCap]);
        Assert.NotNull(result.Remote);
        Parent.ExpectMsg<AddPeerCheckpoint>();
        Parent.Reply(CheckpointPassed.Instance);
        return (peer, remote, result.Remote!);
    }

    /// <summary>Running, and the running behaviour has handled a Ping round trip (so its timers are armed).</summary>
    protected async Task<(IActorRef Peer, RemotePeer Remote)> RunningSyncedAsync(ServerSettings settings)
    {
        var (peer, remote, _) = await RunningAsync(settings);
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        await remote.ReadUntilAsync(P2pMessageCodes.Pong);
        AwaitWriterIdle(peer);
        return (peer, remote);
    }

    /// <summary>
    /// Waits until the peer's writer is between frames. The remote can read a frame before the writer
    /// has noted its write as done; moving a virtual clock in that moment makes the write watchdog see
    /// a write that took the whole jump (CI saw "a frame write has taken 20 s").
    /// </summary>
    protected void AwaitWriterIdle(IActorRef peer)
    {
        var probe = CreateTestProbe();
        AwaitAssert(() =>
        {
            peer.Tell(WriterIdleQuery.Instance, probe.Ref);
            Assert.True(probe.ExpectMsg<bool>(), "the writer is still writing");
        });
    }

    /// <summary>The parent hears PeerClosed once, then the actor stops.</summary>
    protected PeerClosed ExpectClosed(DisconnectReason reason, bool remoteRequested = false)
    {
        var closed = Parent.FishForMessage<PeerClosed>(_ => true);
        Assert.Equal(reason, closed.Reason);
        Assert.Equal(remoteRequested, closed.RemoteRequested);
        Parent.ExpectMsg<ChildTerminated>();
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        return closed;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var remote in _remotes)
            await remote.DisposeAsync();
        foreach (var socket in _sockets)
            socket.Dispose();
    }
}
