using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Server;

public sealed class ServerRequestsSpec(ITestOutputHelper output) : ServerSpecBase(output)
{
    [Fact]
    public void Get_peers_is_sorted_by_id()
    {
        StartServer();
        foreach (var n in new[] { 5, 1, 4, 2, 3 }) AddPeer(n, inbound: n % 2 == 0);
        var ids = CurrentPeers().Select(p => p.Id.ToHex()).ToArray();
        Assert.Equal(5, ids.Length);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Remove_peer_disconnects_it_with_requested()
    {
        StartServer();
        AddPeer(1, inbound: true);
        Server.Tell(new RemovePeer(TestNodes.Id(1)));
        ExpectMsg<Status.Success>();
        Assert.Equal(new DisconnectPeer(DisconnectReason.Requested), PeerProbe.ExpectMsg<DisconnectPeer>());
    }

    [Fact]
    public void Add_peer_accepts_a_full_enode_and_refuses_one_without_address_or_self()
    {
        StartServer();
        Server.Tell(new AddPeer(TestNodes.Enode(1)));
        ExpectMsg<Status.Success>();
        Server.Tell(new AddPeer(new EnodeUrl(TestNodes.Id(2), null, 0, 0)));
        ExpectMsg<Status.Failure>();
        Server.Tell(new AddPeer(TestNodes.Enode(0)));
        ExpectMsg<Status.Failure>();
    }

    [Fact]
    public void Static_nodes_are_flagged_static_when_they_connect()
    {
        StartServer();
        Server.Tell(new AddPeer(TestNodes.Enode(1)));
        ExpectMsg<Status.Success>();
        AddPeer(1, inbound: true);
        AddPeer(2, inbound: true);
        var peers = CurrentPeers().ToDictionary(p => p.Id);
        Assert.True(peers[TestNodes.Id(1)].Static);
        Assert.False(peers[TestNodes.Id(2)].Static);
    }

    [Fact]
    public void Removing_the_trusted_mark_makes_limits_apply_again()
    {
        StartServer(TestNodes.Settings() with { MaxPeers = 1, TrustedNodes = [TestNodes.Enode(2)] });
        AddPeer(1, inbound: true);
        var trusted = Connect(inbound: true);
        Assert.IsType<CheckpointPassed>(PostHandshake(trusted.Peer, 2, inbound: true));
        Server.Tell(new RemoveTrustedPeer(TestNodes.Id(2)));
        ExpectMsg<Status.Success>();
        AssertRejected(DisconnectReason.TooManyPeers, AddPeerCheckpoint(trusted.Peer, 2, inbound: true));
    }

    [Fact]
    public void Send_to_peer_reaches_the_peer_actor_with_the_original_sender()
    {
        StartServer();
        var peer = AddPeer(1, inbound: true);
        Server.Tell(new SendToPeer(TestNodes.Id(1), "echo", "hello"));
        Assert.Equal(new ToProtocol("echo", "hello"), PeerProbe.ExpectMsg<ToProtocol>());
        Assert.Equal(TestActor, PeerProbe.LastSender);

        Server.Tell(new SendToPeer(TestNodes.Id(9), "echo", "hello"));
        Assert.IsType<InvalidOperationException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void Get_protocol_actor_asks_the_peer_actor_on_behalf_of_the_sender()
    {
        StartServer();
        AddPeer(1, inbound: true);
        Server.Tell(new GetProtocolActor(TestNodes.Id(1), "echo"));
        Assert.Equal(new ToProtocol("echo", ProtocolActorQuery.Instance), PeerProbe.ExpectMsg<ToProtocol>());
        Assert.Equal(TestActor, PeerProbe.LastSender);

        Server.Tell(new GetProtocolActor(TestNodes.Id(9), "echo"));
        Assert.IsType<InvalidOperationException>(ExpectMsg<Status.Failure>().Cause);
    }

    [Fact]
    public void Node_info_without_discovery_has_a_record_built_from_the_key()
    {
        StartServer(TestNodes.Settings() with
        {
            ClientId = "me/1",
            Protocols = [new ProtocolRegistration("echo", 1, 2, _ => throw new NotSupportedException())],
        });
        Server.Tell(GetNodeInfo.Instance);
        var info = ExpectMsg<NodeInfo>();
        Assert.Equal(TestNodes.Id(0), info.Id);
        Assert.Equal(new EnodeUrl(TestNodes.Id(0), IPAddress.Loopback, 0, 0), info.Enode);
        Assert.Equal(0, info.ListenPort);
        Assert.Equal(0, info.DiscoveryPort);
        Assert.Equal("me/1", info.ClientId);
        Assert.Equal([new Capability("echo", 1)], info.Protocols);
        var record = Enr.Parse(info.Enr);
        Assert.Equal(1UL, record.Seq);
        Assert.Equal(TestNodes.Id(0), record.PublicKey);
        Assert.Equal(IPAddress.Loopback, record.Ip);
        Assert.Null(record.Tcp);
    }

    [Fact]
    public void Node_info_takes_the_record_and_udp_port_from_discovery()
    {
        var discovery = CreateTestProbe();
        int? portGiven = null;
        StartServer(TestNodes.Settings() with { NoDiscovery = false }, c => c with
        {
            Discovery = (_, port) =>
            {
                portGiven = port;
                return Forwarder.Props(discovery.Ref);
            },
        });
        Server.Tell(GetNodeInfo.Instance);
        discovery.ExpectMsg<GetLocalRecord>();
        discovery.Reply(new LocalRecord("enr:-from-discovery", 7, 30301));
        var info = ExpectMsg<NodeInfo>();
        Assert.Equal("enr:-from-discovery", info.Enr);
        Assert.Equal(30301, info.DiscoveryPort);
        Assert.Equal(30301, info.Enode.UdpPort);
        Assert.Equal(0, portGiven);
    }
}
