using System.Net;
using Devp2p.Actors.Dialer;
using Devp2p.Actors.Listener;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Server;

/// <summary>A ServerActor with scripted fake peers (virtual time), and helpers that walk a connection through the checkpoints.</summary>
public abstract class ServerSpecBase : TestKit
{
    protected ServerSpecBase(ITestOutputHelper output) : base(output, useVirtualTime: true)
    {
        PeerProbe = CreateTestProbe("peers");
    }

    /// <summary>Receives FakePeer.Started and everything the server sends to the fake peers.</summary>
    protected TestProbe PeerProbe { get; }

    protected IActorRef Server { get; private set; } = null!;

    protected IActorRef StartServer(ServerSettings? settings = null, Func<ServerComponents, ServerComponents>? tweak = null)
    {
        var components = new ServerComponents(FakePeer.Factory(PeerProbe.Ref));
        if (tweak is not null) components = tweak(components);
        Server = Sys.ActorOf(ServerActor.Props(settings ?? TestNodes.Settings(), components), "server");
        return Server;
    }

    /// <summary>Hands the server a connection as the listener (inbound) or dialer would; returns the fake peer it spawned.</summary>
    protected FakePeer.Started Connect(bool inbound, NodeId? destination = null, Stream? stream = null)
    {
        var remote = new IPEndPoint(IPAddress.Parse("10.0.0.9"), 40000);
        var setup = new PeerSetup(stream ?? new TrackingStream(), inbound, remote, null, inbound ? null : destination);
        Server.Tell(inbound ? new InboundConnection(setup) : new DialConnected(setup));
        return PeerProbe.ExpectMsg<FakePeer.Started>();
    }

    protected static Hello HelloOf(int n, params Capability[] caps) =>
        new(5, $"client-{n}", caps, 0, TestNodes.Id(n).Bytes.ToArray());

    /// <summary>The fake peer asks the post-handshake checkpoint; returns the answer.</summary>
    protected object PostHandshake(IActorRef peer, int n, bool inbound)
    {
        peer.Tell(new FakePeer.ToServer(new PostHandshake(TestNodes.Id(n), inbound)));
        return PeerProbe.ExpectMsg<object>(m => m is CheckpointPassed or CheckpointRejected);
    }

    /// <summary>The fake peer asks the addPeer checkpoint with one matched capability (or none); returns the answer.</summary>
    protected object AddPeerCheckpoint(IActorRef peer, int n, bool inbound, bool matched = true)
    {
        IReadOnlyList<MatchedCapability> caps = matched ? [new MatchedCapability("echo", 1, 16, 2)] : [];
        peer.Tell(new FakePeer.ToServer(new AddPeerCheckpoint(TestNodes.Id(n), inbound, HelloOf(n, new Capability("echo", 1)), caps)));
        return PeerProbe.ExpectMsg<object>(m => m is CheckpointPassed or CheckpointRejected);
    }

    /// <summary>A connection from node <paramref name="n"/> through both checkpoints, both expected to pass.</summary>
    protected FakePeer.Started AddPeer(int n, bool inbound)
    {
        var started = Connect(inbound, TestNodes.Id(n));
        Assert.IsType<CheckpointPassed>(PostHandshake(started.Peer, n, inbound));
        Assert.IsType<CheckpointPassed>(AddPeerCheckpoint(started.Peer, n, inbound));
        return started;
    }

    protected IReadOnlyList<PeerInfo> CurrentPeers()
    {
        Server.Tell(Actors.Server.GetPeers.Instance);
        return ExpectMsg<IReadOnlyList<PeerInfo>>();
    }

    protected static void AssertRejected(DisconnectReason reason, object answer) =>
        Assert.Equal(new CheckpointRejected(reason), Assert.IsType<CheckpointRejected>(answer));

    protected ServerSettings DialingSettings(int maxPeers = 50) => TestNodes.Settings() with { NoDial = false, MaxPeers = maxPeers };

    protected static Func<ServerComponents, ServerComponents> WithConnector(ITcpConnector connector) => c => c with { Connector = connector };
}
