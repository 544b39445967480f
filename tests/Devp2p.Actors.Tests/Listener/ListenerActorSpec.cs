using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Listener;
using Devp2p.Actors.Tests.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Discv4;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Listener;

/// <summary>The listener over real loopback TCP, with a probe playing the server.</summary>
public sealed class ListenerActorSpec(ITestOutputHelper output) : TestKit(output)
{
    private (IActorRef Listener, TestProbe Server, IPEndPoint Bound) Start(Func<ServerSettings, ServerSettings>? tweak = null)
    {
        var settings = TestNodes.Settings() with { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0) };
        if (tweak is not null) settings = tweak(settings);
        var server = CreateTestProbe();
        var listener = Sys.ActorOf(ListenerActor.Props(settings, server.Ref));
        var bound = server.ExpectMsg<ListenerBound>().EndPoint;
        return (listener, server, bound);
    }

    private static TcpClient ConnectTo(IPEndPoint endPoint)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        client.Connect(endPoint);
        return client;
    }

    [Fact]
    public void Reports_the_real_port_and_hands_accepted_connections_to_the_server()
    {
        var (_, server, bound) = Start();
        Assert.NotEqual(0, bound.Port);
        using var client = ConnectTo(bound);

        var setup = server.ExpectMsg<InboundConnection>().Setup;
        Assert.True(setup.Inbound);
        Assert.Null(setup.DialDestination);
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, setup.RemoteEndPoint!.Port);
        Assert.Equal(bound.Port, setup.LocalEndPoint!.Port);

        client.GetStream().Write([1, 2, 3]);
        var buffer = new byte[3];
        setup.Stream.ReadExactly(buffer);
        Assert.Equal([1, 2, 3], buffer);
        setup.Stream.Dispose();
    }

    [Fact]
    public void Holds_at_most_max_pending_peers_in_handshakes()
    {
        var (listener, server, bound) = Start(s => s with { MaxPendingPeers = 1 });
        using var first = ConnectTo(bound);
        using var second = ConnectTo(bound);
        var one = server.ExpectMsg<InboundConnection>().Setup;
        server.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        listener.Tell(InboundSlotFreed.Instance);
        var two = server.ExpectMsg<InboundConnection>().Setup;
        Assert.NotEqual(one.RemoteEndPoint, two.RemoteEndPoint);
        one.Stream.Dispose();
        two.Stream.Dispose();
    }

    [Fact]
    public void Closes_connections_from_outside_net_restrict_at_once()
    {
        var (_, server, bound) = Start(s => s with { NetRestrict = [IpPrefix.Parse("10.0.0.0/8")] });
        using var client = ConnectTo(bound);
        client.ReceiveTimeout = 3000;
        Assert.Equal(0, client.GetStream().Read(new byte[1]));
        server.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Loopback_is_not_throttled()
    {
        var (_, server, bound) = Start(s => s with { InboundThrottle = TimeSpan.FromMinutes(5) });
        using var first = ConnectTo(bound);
        using var second = ConnectTo(bound);
        server.ExpectMsg<InboundConnection>().Setup.Stream.Dispose();
        server.ExpectMsg<InboundConnection>().Setup.Stream.Dispose();
    }

    [Fact]
    public void Stopping_closes_the_listening_socket()
    {
        var (listener, _, bound) = Start();
        Watch(listener);
        Sys.Stop(listener);
        ExpectTerminated(listener);
        Assert.Throws<SocketException>(() => ConnectTo(bound).Dispose());
    }
}
