using System.Net;
using Devp2p.Actors.Dialer;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Tests.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Dialer;

/// <summary>The dialer in virtual time, with a probe playing the server, another playing discovery, and a fake connector.</summary>
public sealed class DialerActorSpec : TestKit
{
    private readonly TestProbe _server;
    private readonly FakeConnector _connector = new();

    public DialerActorSpec(ITestOutputHelper output) : base(output, useVirtualTime: true) => _server = CreateTestProbe("server");

    private static ServerSettings DialSettings(int maxPeers = 50) => TestNodes.Settings() with { NoDial = false, MaxPeers = maxPeers };

    private IActorRef Start(ServerSettings settings, DialerSync sync)
    {
        var dialer = Sys.ActorOf(DialerActor.Props(settings, TestNodes.Id(0), _server.Ref, _connector, new Random(1)));
        _server.ExpectMsg<DialerStarted>();
        _connector.ExpectNoDial(TimeSpan.FromMilliseconds(50));
        dialer.Tell(sync, _server.Ref);
        return dialer;
    }

    private static DialerSync Sync(IReadOnlyList<EnodeUrl>? statics = null, IActorRef? discovery = null, IReadOnlyList<ConnectedPeer>? peers = null) =>
        new(statics ?? [], peers ?? [], [], discovery);

    /// <summary>Waits until the dialer has armed exactly <paramref name="count"/> timers (so Advance cannot overtake it).</summary>
    private void AwaitPending(int count) => AwaitCondition(() => VirtualScheduler!.PendingCount == count);

    private static DialerStatus Status(IActorRef dialer) => dialer.Ask<DialerStatus>(GetDialerStatus.Instance, TimeSpan.FromSeconds(3)).Result;

    [Fact]
    public void Dials_static_nodes_from_the_sync_and_hands_the_stream_to_the_server()
    {
        var node = TestNodes.Enode(1, "10.1.1.1", 30310);
        Start(DialSettings(), Sync([node]));

        var call = _connector.Next();
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.1.1"), 30310), call.Remote);
        var stream = new TrackingStream();
        call.Result.SetResult(stream);

        var setup = _server.ExpectMsg<DialConnected>().Setup;
        Assert.Same(stream, setup.Stream);
        Assert.False(setup.Inbound);
        Assert.True(setup.Static);
        Assert.Equal(node.Id, setup.DialDestination);
        Assert.Equal(call.Remote, setup.RemoteEndPoint);
    }

    [Fact]
    public void A_dial_stays_in_flight_until_the_server_reports_its_end()
    {
        // MaxPeers 1: one dialed peer, two dial slots.
        var dialer = Start(DialSettings(maxPeers: 1), Sync([TestNodes.Enode(1, "10.0.0.1"), TestNodes.Enode(2, "10.0.0.2"), TestNodes.Enode(3, "10.0.0.3")]));
        var first = _connector.Next();
        var second = _connector.Next();
        first.Result.SetResult(new TrackingStream());
        second.Result.SetResult(new TrackingStream());
        var a = _server.ExpectMsg<DialConnected>().Setup.DialDestination!;
        _server.ExpectMsg<DialConnected>();
        _connector.ExpectNoDial();

        dialer.Tell(new DialEnded(a), _server.Ref);
        var third = _connector.Next();
        Assert.DoesNotContain(third.Remote, new[] { first.Remote, second.Remote });
    }

    [Fact]
    public void A_dial_times_out_and_the_static_node_is_redialed_after_the_history_window()
    {
        var settings = DialSettings() with { DialTimeout = TimeSpan.FromSeconds(15), DialHistoryExpiration = TimeSpan.FromSeconds(35) };
        Start(settings, Sync([TestNodes.Enode(1)]));
        var call = _connector.Next();
        AwaitPending(1);

        Advance(TimeSpan.FromSeconds(15));
        AwaitCondition(() => call.Token.IsCancellationRequested);
        AwaitPending(1); // the static redial timer
        Advance(TimeSpan.FromSeconds(34));
        _connector.ExpectNoDial();
        _server.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(call.Remote, _connector.Next().Remote);
    }

    [Fact]
    public void A_stream_that_connects_after_the_timeout_is_closed()
    {
        _connector.IgnoreCancellation = true;
        Start(DialSettings() with { DialTimeout = TimeSpan.FromSeconds(5) }, Sync([TestNodes.Enode(1)]));
        var call = _connector.Next();
        AwaitPending(1);
        Advance(TimeSpan.FromSeconds(5));
        AwaitCondition(() => call.Token.IsCancellationRequested);

        var stream = new TrackingStream();
        call.Result.SetResult(stream);
        AwaitCondition(() => stream.Disposed);
        _server.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_failed_connect_is_not_handed_on_and_backs_off()
    {
        var dialer = Start(DialSettings(), Sync([TestNodes.Enode(1)]));
        var call = _connector.Next();
        call.Result.SetException(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        AwaitAssert(() => Assert.Equal(0, Status(dialer).Dialing));
        Advance(TimeSpan.FromSeconds(34));
        _connector.ExpectNoDial(TimeSpan.FromMilliseconds(50));
        _server.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));
        _connector.Next();
    }

    [Fact]
    public void Pulls_candidates_from_discovery_for_the_free_slots_and_dials_only_the_dialable()
    {
        var discovery = CreateTestProbe("discovery");
        // MaxPeers 6: two dialed peers, four dial slots.
        var connected = TestNodes.Enode(3);
        Start(DialSettings(maxPeers: 6), Sync(discovery: discovery.Ref, peers: [new ConnectedPeer(connected.Id, Inbound: true)]));

        Assert.Equal(4, discovery.ExpectMsg<GetDialCandidates>().Max);
        var good = TestNodes.Enode(4, "10.4.4.4");
        discovery.Reply(new DialCandidates([TestNodes.Enode(0), new EnodeUrl(TestNodes.Id(5), IPAddress.Parse("10.5.5.5"), 0, 30303), connected, good]));

        Assert.Equal(good.TcpEndPoint, _connector.Next().Remote);
        _connector.ExpectNoDial();
        // One dial started, so the dialer asks again at once for the three slots left.
        Assert.Equal(3, discovery.ExpectMsg<GetDialCandidates>().Max);
        discovery.Reply(new DialCandidates([]));
        discovery.Send(discovery.LastSender, GetDialerStatus.Instance); // same sender as the reply: handled after it
        var status = discovery.ExpectMsg<DialerStatus>();
        Assert.Equal(new DialerStatus(Dialing: 1, DialedPeers: 0, FreeSlots: 3, AwaitingCandidates: false, CandidateRetryPending: true), status);

        Advance(DialerActor.CandidateRetryInterval - TimeSpan.FromMilliseconds(1));
        discovery.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, discovery.ExpectMsg<GetDialCandidates>().Max);
    }

    [Fact]
    public void Asks_discovery_only_when_there_are_free_slots()
    {
        var discovery = CreateTestProbe("discovery");
        // MaxPeers 3: one dialed peer; it is already connected.
        Start(DialSettings(maxPeers: 3), Sync(discovery: discovery.Ref, peers: [new ConnectedPeer(TestNodes.Id(1), Inbound: false)]));
        discovery.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_discovery_that_appears_later_is_used()
    {
        var dialer = Start(DialSettings(maxPeers: 3), Sync());
        var discovery = CreateTestProbe("discovery");
        dialer.Tell(new DiscoveryAvailable(discovery.Ref), _server.Ref);
        Assert.Equal(2, discovery.ExpectMsg<GetDialCandidates>().Max);
    }

    [Fact]
    public void Runtime_static_nodes_are_dialed_and_removed_ones_are_not_redialed()
    {
        var dialer = Start(DialSettings(), Sync());
        dialer.Tell(new AddStaticNode(TestNodes.Enode(1)), _server.Ref);
        var call = _connector.Next();
        dialer.Tell(new RemoveStaticNode(TestNodes.Id(1)), _server.Ref);
        call.Result.SetException(new IOException("refused"));
        AwaitAssert(() => Assert.Equal(0, Status(dialer).Dialing));
        Advance(TimeSpan.FromMinutes(10));
        _connector.ExpectNoDial();
    }
}
