using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Events;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Server;

/// <summary>The server with its real listener and dialer children (fake peers, fake connector, probe discovery).</summary>
public sealed class ServerChildrenSpec(ITestOutputHelper output) : ServerSpecBase(output)
{
    private NodeInfo NodeInfo()
    {
        Server.Tell(GetNodeInfo.Instance);
        return ExpectMsg<NodeInfo>();
    }

    [Fact]
    public void Listens_reports_the_real_port_and_starts_discovery_with_it()
    {
        int? discoveryPort = null;
        var discovery = CreateTestProbe();
        StartServer(TestNodes.Settings() with { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0), NoDiscovery = false }, c => c with
        {
            Discovery = (_, port) =>
            {
                discoveryPort = port;
                return Forwarder.Props(discovery.Ref);
            },
        });
        AwaitCondition(() => discoveryPort is not null);
        Assert.NotEqual(0, discoveryPort);

        Server.Tell(GetNodeInfo.Instance);
        discovery.ExpectMsg<GetLocalRecord>();
        discovery.Reply(new LocalRecord("enr:-x", 2, 30399));
        var info = ExpectMsg<NodeInfo>();
        Assert.Equal(discoveryPort, info.ListenPort);
        Assert.Equal(new EnodeUrl(TestNodes.Id(0), IPAddress.Loopback, info.ListenPort, 30399), info.Enode);

        using var client = new TcpClient(AddressFamily.InterNetwork);
        client.Connect(new IPEndPoint(IPAddress.Loopback, info.ListenPort));
        var started = PeerProbe.ExpectMsg<FakePeer.Started>();
        Assert.True(started.Setup.Inbound);
        Assert.Equal(info.ListenPort, started.Setup.LocalEndPoint!.Port);
        started.Setup.Stream.Dispose();
    }

    [Fact]
    public void The_fallback_record_carries_the_listen_port()
    {
        StartServer(TestNodes.Settings() with { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        AwaitAssert(() => Assert.NotEqual(0, NodeInfo().ListenPort));
        var info = NodeInfo();
        Assert.Equal(info.ListenPort, Enr.Parse(info.Enr).Tcp);
        Assert.Equal(0, info.Enode.UdpPort);
    }

    [Fact]
    public void Static_nodes_are_dialed_and_arrive_as_static_outbound_peers()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerAdded));
        var connector = new FakeConnector();
        var node = TestNodes.Enode(1, "10.1.1.1");
        StartServer(DialingSettings() with { StaticNodes = [node] }, WithConnector(connector));

        var call = connector.Next();
        Assert.Equal(node.TcpEndPoint, call.Remote);
        call.Result.SetResult(new TrackingStream());
        var started = PeerProbe.ExpectMsg<FakePeer.Started>();
        Assert.False(started.Setup.Inbound);
        Assert.True(started.Setup.Static);
        Assert.Equal(node.Id, started.Setup.DialDestination);

        Assert.IsType<global::Devp2p.Actors.Peers.CheckpointPassed>(PostHandshake(started.Peer, 1, inbound: false));
        Assert.IsType<global::Devp2p.Actors.Peers.CheckpointPassed>(AddPeerCheckpoint(started.Peer, 1, inbound: false));
        var added = events.ExpectMsg<PeerAdded>();
        Assert.True(added.Peer.Static);
        Assert.False(added.Peer.Inbound);
    }

    [Fact]
    public void Static_nodes_added_at_runtime_are_dialed()
    {
        var connector = new FakeConnector();
        StartServer(DialingSettings(), WithConnector(connector));
        Server.Tell(new AddPeer(TestNodes.Enode(2, "10.2.2.2")));
        ExpectMsg<Status.Success>();
        Assert.Equal(TestNodes.Enode(2, "10.2.2.2").TcpEndPoint, connector.Next().Remote);
    }

    [Fact]
    public void The_dialer_pulls_candidates_from_discovery()
    {
        var connector = new FakeConnector();
        var discovery = CreateTestProbe();
        // MaxPeers 6: two dialed peers, four dial slots.
        StartServer(DialingSettings(maxPeers: 6) with { NoDiscovery = false }, c => c with
        {
            Connector = connector,
            Discovery = (_, _) => Forwarder.Props(discovery.Ref),
        });
        Assert.Equal(4, discovery.ExpectMsg<GetDialCandidates>().Max);
        var node = TestNodes.Enode(3, "10.3.3.3");
        discovery.Reply(new DialCandidates([node]));
        var call = connector.Next();
        Assert.Equal(node.TcpEndPoint, call.Remote);
        call.Result.SetResult(new TrackingStream());
        var started = PeerProbe.ExpectMsg<FakePeer.Started>();
        Assert.False(started.Setup.Static);
        Assert.Equal(node.Id, started.Setup.DialDestination);
    }

    /// <summary>Reports each start to a probe and throws on "crash".</summary>
    private sealed class Fragile : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Fragile(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(s => s == "crash", _ => throw new InvalidOperationException("discovery crashed"));
        }

        protected override void PreStart() => _probe.Tell("started", Self);
    }

    [Fact]
    public void A_failing_discovery_child_is_restarted_with_backoff()
    {
        var probe = CreateTestProbe();
        StartServer(TestNodes.Settings() with { NoDiscovery = false }, c => c with
        {
            Discovery = (_, _) => Props.Create(() => new Fragile(probe.Ref)),
            ChildMinBackoff = TimeSpan.FromSeconds(1),
        });
        probe.ExpectMsg("started");
        probe.LastSender.Tell("crash");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        AwaitAssert(() =>
        {
            Advance(TimeSpan.FromSeconds(1));
            probe.ExpectMsg("started", TimeSpan.FromMilliseconds(200));
        }, TimeSpan.FromSeconds(5));
    }
}
